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
        var library = Models.ModelOptions.Library();
        var providers = new Option<string>("--ep")
        {
            Description = "Execution providers this device must offer, e.g. cuda,tensorrt; a missing one says exactly what to install.",
            DefaultValueFactory = _ => "cpu",
        };
        var check = new Command("check", "Check the native parts: ONNX Runtime (library, version, execution providers), OpenCV, the MQTT client and the mosquitto broker. Exit code 1 when one is missing.")
        {
            library, providers,
        };
        check.SetAction(parse => Run(parse.GetValue(library), parse.GetValue(providers)!));
        var deps = new Command("deps", "Native dependencies.");
        deps.Subcommands.Add(check);
        return deps;
    }

    private static int Run(string? library, string providers)
    {
        IReadOnlyList<ExecutionProviderPreference> required;
        try
        {
            required = ExecutionProviderPreference.ParseList(providers);
        }
        catch (OnnxRuntimeException e)
        {
            Console.Error.WriteLine($"edgefactory: {e.Message} [{e.Code}]");
            return 2;
        }

        var table = new Table().AddColumns("part", "status", "detail");
        var missing = 0;

        var loaded = Report(table, ref missing, "ONNX Runtime", () =>
        {
            var (path, version) = OnnxRuntimeInfo.Load(library);
            var chosenBy = OnnxRuntimeLibrary.IsConfigured ? $" (chosen by --onnxruntime or {OnnxRuntimeLibrary.EnvironmentVariable})" : string.Empty;
            return $"{version} at {path}{chosenBy}";
        }, null);
        if (loaded)
        {
            Report(table, ref missing, "execution providers", () => string.Join(", ", OnnxRuntimeInfo.AvailableProviders()), null);
            foreach (var provider in required.Where(p => p.Kind != ExecutionProviderKind.Cpu))
            {
                var readiness = ExecutionProviderReadiness.Check(provider.Kind);
                if (readiness.Ready)
                {
                    table.AddRow(Markup.Escape($"provider {provider.ShortName}"), "[green]ok[/]", Markup.Escape(readiness.Detail));
                }
                else
                {
                    missing++;
                    table.AddRow(Markup.Escape($"provider {provider.ShortName}"), "[red]missing[/]", Markup.Escape($"{readiness.Detail} Fix: {readiness.Fix}"));
                }
            }
        }

        var openCv = EdgeFactory.Vision.OpenCvLibrary.Probe();
        if (openCv.Loaded)
        {
            var gstreamer = openCv.GStreamer ? "with GStreamer" : "without GStreamer (files, RTSP and V4L2 only)";
            table.AddRow("OpenCV", "[green]ok[/]", Markup.Escape($"{openCv.Version} {gstreamer} at {openCv.Library}"));
        }
        else
        {
            missing++;
            table.AddRow("OpenCV", "[red]missing[/]", Markup.Escape(openCv.Problem ?? "not loaded"));
        }

        _ = Report(table, ref missing, "MQTT client", () => $"MQTTnet {MqttClient.LibraryVersion} (managed, no native library)", "rebuild: MQTTnet ships with edgefactory");

        _ = Report(table, ref missing, "mosquitto broker", () => MosquittoBroker.LocateExecutable(), "apt-get install mosquitto mosquitto-clients");

        AnsiConsole.Write(table);
        if (missing > 0)
        {
            AnsiConsole.MarkupLine($"[red]{missing} native part(s) missing.[/] Run the fixes above; `make deps` installs the broker and the native libraries.");
            return 1;
        }

        AnsiConsole.MarkupLine("[green]All native parts present.[/]");
        return 0;
    }

    /// <summary>Adds a row for <paramref name="part"/>; a null <paramref name="fix"/> means the error already says how to fix it.</summary>
    private static bool Report(Table table, ref int missing, string part, Func<string> probe, string? fix)
    {
        try
        {
            table.AddRow(Markup.Escape(part), "[green]ok[/]", Markup.Escape(probe()));
            return true;
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or FileNotFoundException or EntryPointNotFoundException or MqttException or BrokerException)
        {
            missing++;
            table.AddRow(Markup.Escape(part), "[red]missing[/]", Markup.Escape(fix is null ? e.Message : $"{e.Message} Fix: {fix}"));
            return false;
        }
    }
}
