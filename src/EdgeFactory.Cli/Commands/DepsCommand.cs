using System.CommandLine;
using EdgeFactory.Inference;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;
using Spectre.Console;

namespace EdgeFactory.Cli.Commands;

/// <summary><c>edgefactory deps check</c>: is every native part this device needs present, and how to fix what is not.</summary>
internal static class DepsCommand
{
    public static Command Create()
    {
        var check = new Command("check", "Check the native parts: ONNX Runtime and the mosquitto broker (the MQTT client is managed). Exit code 1 when one is missing.");
        check.SetAction(_ => Run());
        var deps = new Command("deps", "Native dependencies.");
        deps.Subcommands.Add(check);
        return deps;
    }

    private static int Run()
    {
        var table = new Table().AddColumns("part", "status", "detail");
        var missing = 0;

        Report(table, ref missing, "ONNX Runtime", () =>
        {
            var (path, version) = OnnxRuntimeInfo.Load();
            return $"{version} at {path}";
        }, "run `make deps` (fetches libonnxruntime.so.1 into native/), or set EDGEFACTORY_ONNXRUNTIME to a GPU build's path");

        Report(table, ref missing, "MQTT client", () => $"MQTTnet {MqttClient.LibraryVersion} (managed, no native library)", "rebuild: MQTTnet ships with edgefactory");

        Report(table, ref missing, "mosquitto broker", () => MosquittoBroker.LocateExecutable(), "apt-get install mosquitto mosquitto-clients");

        AnsiConsole.Write(table);
        if (missing > 0)
        {
            AnsiConsole.MarkupLine($"[red]{missing} native part(s) missing.[/] Run the fixes above, or `make deps` for all of them.");
            return 1;
        }

        AnsiConsole.MarkupLine("[green]All native parts present.[/]");
        return 0;
    }

    private static void Report(Table table, ref int missing, string part, Func<string> probe, string fix)
    {
        try
        {
            table.AddRow(Markup.Escape(part), "[green]ok[/]", Markup.Escape(probe()));
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or FileNotFoundException or EntryPointNotFoundException or MqttException or BrokerException)
        {
            missing++;
            table.AddRow(Markup.Escape(part), "[red]missing[/]", Markup.Escape($"{e.Message} Fix: {fix}"));
        }
    }
}
