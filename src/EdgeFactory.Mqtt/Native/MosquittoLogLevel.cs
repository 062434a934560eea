namespace EdgeFactory.Mqtt.Native;

/// <summary>libmosquitto's <c>MOSQ_LOG_*</c> levels.</summary>
internal static class MosquittoLogLevel
{
    public const int Info = 0x01;
    public const int Notice = 0x02;
    public const int Warning = 0x04;
    public const int Error = 0x08;
    public const int Debug = 0x10;
}
