using System.Security.Cryptography;
using System.Text;

namespace EdgeFactory.Mqtt.Broker;

/// <summary>Writes <c>mosquitto.conf</c> and its password and ACL files for <see cref="BrokerOptions"/>.</summary>
internal static class BrokerConfigWriter
{
    // Mosquitto 2.0's password hash: PBKDF2-SHA512, 101 iterations, 12-byte salt ("$7$").
    private const int HashIterations = 101;
    private const int SaltBytes = 12;

    public static string Write(BrokerOptions options, string directory, int port)
    {
        var config = new StringBuilder()
            .AppendLine("# Written by EdgeFactory's embedded broker; regenerated on every start.")
            .AppendLine("per_listener_settings false")
            // Mosquitto started as root drops to user 'mosquitto', which cannot read our files; stay who we are.
            .AppendLine($"user {Environment.UserName}")
            .AppendLine("log_dest stdout")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("log_type information")
            .AppendLine("log_timestamp_format %Y-%m-%dT%H:%M:%S")
            .AppendLine($"persistence {(options.Persistence ? "true" : "false")}")
            .AppendLine($"persistence_location {directory.TrimEnd('/')}/")
            .AppendLine($"max_queued_messages {options.MaxQueuedMessages}")
            .AppendLine("max_inflight_messages 0");
        if (options.MaxPacketSize > 0)
        {
            config.AppendLine($"max_packet_size {options.MaxPacketSize}");
        }

        if (options.Users.Count == 0)
        {
            config.AppendLine("allow_anonymous true");
        }
        else
        {
            var passwords = Path.Combine(directory, "passwords");
            var acl = Path.Combine(directory, "acl");
            WritePrivate(passwords, PasswordFile(options.Users));
            WritePrivate(acl, AclFile(options.Users));
            config.AppendLine("allow_anonymous false")
                .AppendLine($"password_file {passwords}")
                .AppendLine($"acl_file {acl}");
        }

        config.AppendLine($"listener {port} 127.0.0.1")
            // Without it the broker's small writes wait on Nagle's algorithm and the peer's delayed ACK: up to 40 ms a hop.
            .AppendLine("set_tcp_nodelay true");
        if (options.Tls is { } tls)
        {
            config.AppendLine($"cafile {tls.CaFile}")
                .AppendLine($"certfile {tls.CertificateFile}")
                .AppendLine($"keyfile {tls.KeyFile}")
                .AppendLine("tls_version tlsv1.2")
                .AppendLine($"require_certificate {(tls.RequireClientCertificate ? "true" : "false")}");
        }

        var path = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllText(path, config.ToString());
        return path;
    }

    private static string PasswordFile(IEnumerable<BrokerUser> users)
    {
        var text = new StringBuilder();
        foreach (var user in users)
        {
            var salt = RandomNumberGenerator.GetBytes(SaltBytes);
            var hash = Rfc2898DeriveBytes.Pbkdf2(user.Password, salt, HashIterations, HashAlgorithmName.SHA512, 64);
            text.Append(user.Name).Append(":$7$").Append(HashIterations).Append('$')
                .Append(Convert.ToBase64String(salt)).Append('$').Append(Convert.ToBase64String(hash)).Append('\n');
        }

        return text.ToString();
    }

    private static string AclFile(IEnumerable<BrokerUser> users)
    {
        var text = new StringBuilder();
        foreach (var user in users)
        {
            text.Append("user ").Append(user.Name).Append('\n');
            Append(text, "readwrite", user.ReadWrite);
            Append(text, "read", user.Read);
            Append(text, "write", user.Write);
            text.Append('\n');
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string access, IReadOnlyList<string>? patterns)
    {
        foreach (var pattern in patterns ?? [])
        {
            text.Append("topic ").Append(access).Append(' ').Append(pattern).Append('\n');
        }
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
