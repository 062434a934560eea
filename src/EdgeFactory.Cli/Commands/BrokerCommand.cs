using System.CommandLine;
using EdgeFactory.Mqtt.Broker;

namespace EdgeFactory.Cli.Commands;

/// <summary><c>edgefactory broker run</c>: an embedded Mosquitto on loopback for trying things out.</summary>
internal static class BrokerCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Loopback port; 0 picks a free one.", DefaultValueFactory = _ => 0 };
        var data = new Option<string?>("--data") { Description = "Folder for the broker's config and database; a temporary one when absent." };
        var run = new Command("run", "Run Mosquitto on 127.0.0.1 until stopped; prints 'ready mqtt://127.0.0.1:PORT' once it accepts connections.");
        run.Options.Add(port);
        run.Options.Add(data);
        run.SetAction(async (parse, cancellationToken) =>
        {
            await using var broker = await MosquittoBroker.StartAsync(
                new BrokerOptions { Port = parse.GetValue(port), DataDirectory = parse.GetValue(data) }, null, cancellationToken).ConfigureAwait(false);
            parse.InvocationConfiguration.Output.WriteLine($"ready {broker.Url}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop the broker cleanly below.
            }

            return 0;
        });
        var broker = new Command("broker", "The embedded MQTT broker.");
        broker.Subcommands.Add(run);
        return broker;
    }
}
