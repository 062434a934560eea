using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Exceptions;

namespace EdgeFactory.Mqtt;

/// <summary>Turns what MQTTnet and the broker report into <see cref="MqttException"/>s whose message says what to check.</summary>
internal static class MqttFailures
{
    /// <summary>The broker answered CONNECT with an error reason code.</summary>
    public static MqttException Refused(MqttClientConnectResult result, MqttClientOptions options, string clientName)
    {
        var code = (int)result.ResultCode;
        var reason = $"{ReasonText(code)} (reason code 0x{code:X2}{(string.IsNullOrEmpty(result.ReasonString) ? string.Empty : $", '{result.ReasonString}'")})";
        return code switch
        {
            0x86 or 0x87 or 0x8C => new MqttException(
                MqttErrorCode.NotAuthorized,
                $"The broker at {options.Host}:{options.Port} refused client {clientName}: {reason}. "
                + (options.Username is null
                    ? "It requires a user name and password: set them (--username, --password-file)."
                    : $"Check the user name '{options.Username}' and the password file, and that the broker's password file has this user.")),
            _ => new MqttException(
                MqttErrorCode.ConnectionRefused,
                $"The broker at {options.Host}:{options.Port} refused client {clientName}: {reason}."),
        };
    }

    /// <summary>A connection attempt failed before the broker answered.</summary>
    public static MqttException ConnectFailed(Exception error, MqttClientOptions options, string? tlsProblem)
    {
        var target = $"{options.Host}:{options.Port}";
        if (options.Tls is not null && (tlsProblem is not null || Find<AuthenticationException>(error) is not null))
        {
            return new MqttException(
                MqttErrorCode.TlsFailure,
                $"TLS handshake with {target} failed: {(tlsProblem ?? Innermost(error).Message).TrimEnd('.')}. Check the CA file ({options.Tls.CaFile}), "
                + $"that the broker's certificate is signed by it and names '{options.Host}', and the client certificate.",
                error);
        }

        if (Find<SocketException>(error) is { } socket)
        {
            var why = socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "nothing accepts connections on that port",
                SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => $"the host name '{options.Host}' does not resolve",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "the network has no route to it",
                SocketError.TimedOut => "the connection attempt timed out",
                _ => socket.Message.TrimEnd('.'),
            };
            return new MqttException(
                MqttErrorCode.BrokerUnreachable,
                $"Cannot reach the MQTT broker at {target}: {why}. Check that the broker runs and that the host and port are right.",
                error);
        }

        return new MqttException(
            MqttErrorCode.BrokerUnreachable,
            $"The connection to the MQTT broker at {target} failed: {Innermost(error).Message.TrimEnd('.')}. Check that the broker runs, the address and port, "
            + (options.Tls is null ? "and whether the broker expects TLS (mqtts://)." : "and that the port speaks TLS."),
            error);
    }

    /// <summary>No CONNACK within the connect timeout.</summary>
    public static MqttException NoAnswer(MqttClientOptions options) => new(
        MqttErrorCode.BrokerUnreachable,
        $"No answer from the MQTT broker at {options.Host}:{options.Port} within {options.ConnectTimeout.TotalSeconds:0.#} s. Check that the broker runs and the address, port and TLS settings are right.");

    /// <summary>The connection went while an operation waited for the broker.</summary>
    public static MqttException Lost(string doing, Exception? error) =>
        new(MqttErrorCode.ConnectionLost, $"The connection to the broker was lost during {doing}.", error);

    /// <summary>The broker answered a publish or subscribe with an error reason code.</summary>
    public static MqttException ReasonToException(int reasonCode, string doing)
    {
        var code = reasonCode switch
        {
            0x86 or 0x87 => MqttErrorCode.NotAuthorized,
            0x90 or 0x8F => MqttErrorCode.InvalidTopic,
            0x95 => MqttErrorCode.PayloadTooLarge,
            0x97 => MqttErrorCode.QueueFull,
            _ => MqttErrorCode.ProtocolError,
        };
        return new MqttException(code, $"The broker refused {doing}: {ReasonText(reasonCode)} (reason code 0x{reasonCode:X2}).");
    }

    /// <summary>Whether <paramref name="error"/> means the connection is gone (so a QoS ≥ 1 publish is sent again), not a refusal.</summary>
    public static bool IsConnectionGone(Exception error) =>
        error is MqttCommunicationException or MqttClientNotConnectedException or MqttClientDisconnectedException
            or OperationCanceledException or ObjectDisposedException;

    private static string ReasonText(int code) => code switch
    {
        0x80 => "unspecified error",
        0x81 => "malformed packet",
        0x82 => "protocol error",
        0x83 => "implementation specific error",
        0x84 => "unsupported protocol version",
        0x85 => "client identifier not valid",
        0x86 => "bad user name or password",
        0x87 => "not authorized",
        0x88 => "server unavailable",
        0x89 => "server busy",
        0x8A => "banned",
        0x8C => "bad authentication method",
        0x8F => "topic filter invalid",
        0x90 => "topic name invalid",
        0x91 => "packet identifier in use",
        0x95 => "packet too large",
        0x97 => "quota exceeded",
        0x99 => "payload format invalid",
        0x9A => "retain not supported",
        0x9B => "QoS not supported",
        0x9E => "shared subscriptions not supported",
        0x9F => "connection rate exceeded",
        0xA1 => "subscription identifiers not supported",
        0xA2 => "wildcard subscriptions not supported",
        _ => "error",
    };

    private static T? Find<T>(Exception? error)
        where T : Exception
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception error)
    {
        var e = error;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
