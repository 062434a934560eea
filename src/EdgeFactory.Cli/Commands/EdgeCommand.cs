using System.CommandLine;
using EdgeFactory.Edge;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.Runtime.Hosting;
using EdgeFactory.Runtime.Yaml;

namespace EdgeFactory.Cli.Commands;

/// <summary><c>edgefactory edge run</c>: run a site's edge runtime.</summary>
internal static class EdgeCommand
{
    public static Command Create()
    {
        var site = new Option<string>("--site") { Description = "Site file, e.g. robots/sites/demo.yaml.", Required = true };
        var broker = new Option<string?>("--broker") { Description = "Site broker, mqtt://HOST:PORT or mqtts://HOST:PORT." };
        var embedded = new Option<bool>("--embedded-broker") { Description = "Start a private Mosquitto on loopback instead of using a site broker." };
        var data = new Option<string?>("--data") { Description = "Data folder (journal, embedded broker)." };
        var username = new Option<string?>("--username") { Description = "Broker user name." };
        var passwordFile = new Option<string?>("--password-file") { Description = "File holding the broker password." };
        var caFile = new Option<string?>("--ca-file") { Description = "CA certificate (PEM) for mqtts:// brokers." };
        var estopFile = new Option<string?>("--simulated-estop") { Description = "A file standing for the e-stop button of a simulated site (write 'pressed' or 'released' to it)." };

        var run = new Command("run", "Run the edge runtime for a site; prints 'ready site=ID broker=URL' once it is online.");
        foreach (var option in new Option[] { site, broker, embedded, data, username, passwordFile, caFile, estopFile })
        {
            run.Options.Add(option);
        }

        run.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new EdgeHostSettings
            {
                SiteFile = parse.GetValue(site)!,
                BrokerUrl = parse.GetValue(broker),
                EmbeddedBroker = parse.GetValue(embedded),
                DataDirectory = parse.GetValue(data),
                Username = parse.GetValue(username),
                PasswordFile = parse.GetValue(passwordFile),
                CaFile = parse.GetValue(caFile),
                SimulatedEmergencyStopFile = parse.GetValue(estopFile),
                ColouredLogs = Terminal.Colours(Console.IsErrorRedirected),
            };
            try
            {
                await using var host = await EdgeHost.CreateAsync(settings, cancellationToken).ConfigureAwait(false);
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
                parse.InvocationConfiguration.Output.WriteLine($"ready site={host.Site.SiteId} broker={host.BrokerUrl}");
                await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // SIGTERM or Ctrl-C: disposing the host above took the site offline cleanly.
                return ExitCodes.Success;
            }
            catch (DataDirectoryInUseException e)
            {
                // A second edge on one data directory would take the first one's MQTT session in a loop.
                await parse.InvocationConfiguration.Error.WriteLineAsync($"edgefactory: {e.Message}").ConfigureAwait(false);
                return ExitCodes.NegativeOutcome;
            }
            catch (Exception e) when (e is YamlFileException or MqttException or BrokerException or ArgumentException or FileNotFoundException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"edgefactory: {e.Message}").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }
        });
        var edge = new Command("edge", "The edge runtime.");
        edge.Subcommands.Add(run);
        edge.Subcommands.Add(Edge.EdgeModelsCommand.Create());
        return edge;
    }
}
