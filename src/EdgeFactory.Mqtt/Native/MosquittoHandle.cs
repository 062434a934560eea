using System.Runtime.InteropServices;

namespace EdgeFactory.Mqtt.Native;

/// <summary>Owns one <c>struct mosquitto</c>; destroying it is the last thing that happens to a client.</summary>
internal sealed class MosquittoHandle : SafeHandle
{
    public MosquittoHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    public static MosquittoHandle Create(string? clientId, bool cleanStart, nint userData)
    {
        MosquittoRuntime.EnsureInitialized();
        var raw = Libmosquitto.New(clientId, cleanStart, userData);
        if (raw == nint.Zero)
        {
            throw new MqttException(MqttErrorCode.InvalidArgument, "libmosquitto could not create a client (out of memory, or an empty client id with clean start off).");
        }

        var handle = new MosquittoHandle();
        handle.SetHandle(raw);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        Libmosquitto.Destroy(handle);
        return true;
    }
}
