using System.CommandLine;
using EdgeFactory.Factory;
using EdgeFactory.Mqtt;

namespace EdgeFactory.Cli.Commands.Factory;

/// <summary><c>edgefactory factory run</c>: the registry on Kestrel, publishing to a broker.</summary>
internal static class FactoryRunCommand
{
    public static Command Create()
    {
        var http = new Option<string>("--http") { Description = "Address and port to listen on (0 picks a free port).", DefaultValueFactory = _ => "127.0.0.1:8470" };
        var broker = new Option<string>("--broker") { Description = "Broker for desired states and revocations, mqtt://HOST:PORT.", Required = true };
        var db = new Option<string?>("--db") { Description = "SQLite file (default DATA/factory.db) or postgres://user[:password]@host[:port]/database." };
        var data = new Option<string>("--data") { Description = "Folder of the blobs and the default database.", DefaultValueFactory = _ => "factory-data" };
        var key = new Option<string>("--key") { Description = "Private key that signs desired states and revocation lists.", Required = true };
        var trust = new Option<string>("--trust") { Description = "Folder of public keys whose passports are accepted.", Required = true };
        var tokens = new Option<string>("--tokens") { Description = "File of the bearer tokens (NAME SHA256 per line, from 'factory token new') that may push, assign, revoke and change groups.", Required = true };
        var publicUrl = new Option<string?>("--public-url") { Description = "URL devices download from (default: the --http address)." };
        var instance = new Option<string?>("--instance") { Description = "This instance's name, unique among the factory's instances and kept across restarts (default: the host name); names its telemetry session and lease." };
        var lease = new Option<TimeSpan>("--lease") { Description = "How long the rollout controller's lease lasts unless renewed, e.g. 15s.", DefaultValueFactory = _ => TimeSpan.FromSeconds(15), CustomParser = DurationArgument.Parse };
        OptionRule.Add(publicUrl, v => v is null || Uri.TryCreate(v, UriKind.Absolute, out _) ? null : $"'{v}' is not an absolute URL.");
        OptionRule.Add(http, v => System.Net.IPEndPoint.TryParse(v, out _) ? null : $"'{v}' is not ADDRESS:PORT, e.g. 127.0.0.1:8470.");
        var run = new Command("run", "Run the factory until stopped; prints 'ready http://ADDRESS:PORT/' once it serves.") { http, broker, db, data, key, trust, tokens, publicUrl, instance, lease };
        run.SetAction(async (parse, cancellationToken) =>
        {
            FactoryHost host;
            try
            {
                var options = new FactoryOptions
                {
                    Http = FactoryHost.ParseEndpoint(parse.GetValue(http)!),
                    Broker = MqttBrokerAddress.Parse(parse.GetValue(broker)!),
                    Database = parse.GetValue(db),
                    DataDirectory = parse.GetValue(data)!,
                    SigningKey = parse.GetValue(key)!,
                    TrustDirectory = parse.GetValue(trust)!,
                    TokensFile = parse.GetValue(tokens)!,
                    PublicUrl = parse.GetValue(publicUrl) is { } url ? new Uri(url) : null,
                    InstanceId = parse.GetValue(instance) ?? Environment.MachineName,
                    LeaseDuration = parse.GetValue(lease),
                };
                host = await FactoryHost.StartAsync(options, null, TimeProvider.System, cancellationToken);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException or InvalidDataException or MqttException or System.Data.Common.DbException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"edgefactory: {e.Message}");
                return ExitCodes.UsageError;
            }

            await using (host)
            {
                parse.InvocationConfiguration.Output.WriteLine($"ready {host.Address}");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or SIGTERM: stop below.
                }
            }

            return ExitCodes.Success;
        });
        return run;
    }
}
