namespace EdgeFactory.Mqtt.Broker;

/// <summary>The embedded broker could not be started or stopped; the message carries the end of its log.</summary>
public sealed class BrokerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BrokerException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
