using System.Runtime.InteropServices;

namespace EdgeFactory.Mqtt.Native;

/// <summary>Turns libmosquitto return codes and MQTT reason codes into <see cref="MqttException"/>s.</summary>
internal static unsafe class MosquittoStatus
{
    public const int Success = 0;
    public const int NoConnection = 4;
    public const int ErrnoFailure = 14;

    public static void ThrowIfFailed(int rc, string doing)
    {
        if (rc != Success)
        {
            throw ToException(rc, doing);
        }
    }

    public static MqttException ToException(int rc, string doing)
    {
        var text = Marshal.PtrToStringUTF8((nint)Libmosquitto.StrError(rc)) ?? $"error {rc}";
        if (rc == ErrnoFailure)
        {
            text = $"{text} ({Marshal.GetLastSystemError()})";
        }

        var code = ToCode(rc);
        var hint = code switch
        {
            MqttErrorCode.BrokerUnreachable => " Check that the broker runs and that the host and port are right.",
            MqttErrorCode.TlsFailure => " Check the CA file, that the broker's certificate is signed by it and names the host you connect to, and the client certificate.",
            _ => string.Empty,
        };
        return new MqttException(code, $"MQTT error while {doing}: {text}.{hint}");
    }

    public static MqttException ReasonToException(int reasonCode, string doing)
    {
        var text = Marshal.PtrToStringUTF8((nint)Libmosquitto.ReasonString(reasonCode)) ?? $"reason {reasonCode}";
        var code = reasonCode switch
        {
            0x86 or 0x87 => MqttErrorCode.NotAuthorized,     // bad user name or password; not authorized
            0x90 => MqttErrorCode.InvalidTopic,              // topic name invalid
            0x95 => MqttErrorCode.PayloadTooLarge,           // packet too large
            0x80 or 0x83 or 0x84 or 0x85 or 0x88 or 0x89 or 0x8A or 0x8C or 0x9F => MqttErrorCode.ConnectionRefused,
            _ => MqttErrorCode.ProtocolError,
        };
        return new MqttException(code, $"The broker refused {doing}: {text} (reason code 0x{reasonCode:X2}).");
    }

    private static MqttErrorCode ToCode(int rc) => rc switch
    {
        3 => MqttErrorCode.InvalidArgument,           // MOSQ_ERR_INVAL
        4 => MqttErrorCode.NotConnected,              // MOSQ_ERR_NO_CONN
        5 => MqttErrorCode.ConnectionRefused,         // MOSQ_ERR_CONN_REFUSED
        7 => MqttErrorCode.ConnectionLost,            // MOSQ_ERR_CONN_LOST
        8 or 23 => MqttErrorCode.TlsFailure,          // MOSQ_ERR_TLS, MOSQ_ERR_TLS_HANDSHAKE
        9 or 25 => MqttErrorCode.PayloadTooLarge,     // MOSQ_ERR_PAYLOAD_SIZE, MOSQ_ERR_OVERSIZE_PACKET
        11 or 12 => MqttErrorCode.NotAuthorized,      // MOSQ_ERR_AUTH, MOSQ_ERR_ACL_DENIED
        14 or 15 or 20 => MqttErrorCode.BrokerUnreachable, // MOSQ_ERR_ERRNO, MOSQ_ERR_EAI, MOSQ_ERR_LOOKUP
        18 => MqttErrorCode.InvalidTopic,             // MOSQ_ERR_MALFORMED_UTF8
        2 or 21 or 22 => MqttErrorCode.ProtocolError, // MOSQ_ERR_PROTOCOL, MALFORMED_PACKET, DUPLICATE_PROPERTY
        27 => MqttErrorCode.Timeout,                  // MOSQ_ERR_TIMEOUT
        _ => MqttErrorCode.Unknown,
    };
}
