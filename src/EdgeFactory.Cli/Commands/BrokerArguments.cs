using System.CommandLine;
using EdgeFactory.Edge;
using EdgeFactory.Mqtt;

namespace EdgeFactory.Cli.Commands;

/// <summary>The broker options every MES command takes: address, user, password file, CA file.</summary>
internal sealed class BrokerArguments
{
    public Option<string> Broker { get; } = new("--broker") { Description = "Site broker, mqtt://HOST:PORT or mqtts://HOST:PORT.", Required = true };

    public Option<string?> Username { get; } = new("--username") { Description = "Broker user name." };

    public Option<string?> PasswordFile { get; } = new("--password-file") { Description = "File holding the broker password." };

    public Option<string?> CaFile { get; } = new("--ca-file") { Description = "CA certificate (PEM) for mqtts:// brokers." };

    public void AddTo(Command command)
    {
        command.Options.Add(Broker);
        command.Options.Add(Username);
        command.Options.Add(PasswordFile);
        command.Options.Add(CaFile);
    }

    public Task<MqttClientOptions> OptionsAsync(ParseResult parse, CancellationToken cancellationToken) =>
        BrokerLink.OptionsAsync(parse.GetValue(Broker)!, parse.GetValue(Username), parse.GetValue(PasswordFile), parse.GetValue(CaFile), cancellationToken);
}
