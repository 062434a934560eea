using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeFactory.Inference;
using EdgeFactory.Inference.Benchmarking;
using Spectre.Console;

namespace EdgeFactory.Cli.Commands.Models;

/// <summary><c>edgefactory model bench FILE</c>: latency and throughput of a model on this device.</summary>
internal static class ModelBenchCommand
{
    public static Command Create()
    {
        var file = ModelOptions.File();
        var shape = new Option<string[]>("--shape") { Description = "Shape of an input with open dimensions, NAME=1x3x640x640 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var providers = ModelOptions.Providers();
        var threads = ModelOptions.Threads();
        var runs = new Option<int>("--runs") { Description = "Timed runs.", DefaultValueFactory = _ => 200 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs first (0 or more).", DefaultValueFactory = _ => 10 };
        OptionRule.Add(runs, n => n < 1 ? $"--runs must be 1 or more, not {n}." : null);
        OptionRule.Add(warmup, n => n < 0 ? $"--warmup must be 0 or more, not {n}." : null);
        OptionRule.Add(threads, n => n < 0 ? $"--threads must be 0 (ONNX Runtime chooses) or more, not {n}." : null);
        var json = ModelOptions.Json();
        var library = ModelOptions.Library();
        var fp16 = ModelOptions.Fp16();
        var engineCache = ModelOptions.EngineCache();
        var timingCache = ModelOptions.TimingCache();
        var command = new Command("bench", "Time a model on zeroed inputs: latency p50/p99, runs per second, effective execution provider.")
        {
            file, shape, providers, threads, runs, warmup, json, library, fp16, engineCache, timingCache,
        };
        command.SetAction(parse => ModelCommandErrors.Guard(parse, () =>
        {
            ModelOptions.UseLibrary(parse, library);
            var path = parse.GetValue(file)!;
            var count = parse.GetValue(runs);
            if (count < 1)
            {
                throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, "--runs must be at least 1.");
            }

            var shapes = ModelOptions.Shapes(parse.GetValue(shape) ?? []);
            var loadStarted = Stopwatch.GetTimestamp();
            using var session = InferenceSession.Load(path, ModelOptions.Session(parse.GetValue(providers)!, parse.GetValue(threads), parse.GetValue(fp16), parse.GetValue(engineCache), parse.GetValue(timingCache)));
            var loadMs = Stopwatch.GetElapsedTime(loadStarted).TotalMilliseconds;
            using var runner = session.CreateRunner(shapes);

            // Open dimensions nobody sized run as 1: say so, since a 1x1 image times nothing a line engineer cares about.
            var assumed = session.Signature.Inputs
                .Where(i => !i.IsFixed && !shapes.ContainsKey(i.Name))
                .Select(i => $"{i.Name} {i.ShapeText} ran as {TensorShapes.Format(runner.Input(i.Name).Shape)}; give --shape {i.Name}=... for the size you use")
                .ToList();
            var result = ModelBenchmark.Measure(runner, count, parse.GetValue(warmup));
            var report = new ModelBenchReport(
                Path.GetFullPath(path),
                ExecutionProviderPreference.ShortNameOf(session.ExecutionProvider),
                [.. session.ProviderFallbacks.Select(f => $"{ExecutionProviderPreference.ShortNameOf(f.Provider)}: {f.Reason}")],
                parse.GetValue(threads),
                session.Signature.Inputs.ToDictionary(i => i.Name, i => TensorShapes.Format(runner.Input(i.Name).Shape)),
                count,
                result.Latency.P50Ms,
                result.Latency.P99Ms,
                result.Latency.MeanMs,
                result.Latency.MaxMs,
                result.RunsPerSecond,
                result.AllocatedBytesPerRun,
                loadMs,
                assumed);
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, CliJson.Default.ModelBenchReport));
                return 0;
            }

            var table = new Table().AddColumns("measure", "value");
            table.AddRow("model", Markup.Escape(Path.GetFileName(path)));
            table.AddRow("execution provider", report.ExecutionProvider);
            foreach (var fallback in report.Fallbacks)
            {
                table.AddRow("[yellow]skipped[/]", Markup.Escape(fallback));
            }

            table.AddRow("inputs", Markup.Escape(string.Join("; ", report.InputShapes.Select(kv => $"{kv.Key} {kv.Value}"))));
            foreach (var note in report.OpenDimensionsAssumed)
            {
                table.AddRow("[yellow]open dimensions set to 1[/]", Markup.Escape(note));
            }

            table.AddRow("runs", count.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("latency p50", $"{report.P50Ms:F3} ms");
            table.AddRow("latency p99", $"{report.P99Ms:F3} ms");
            table.AddRow("throughput", $"{report.RunsPerSecond:F1} runs/s");
            table.AddRow("managed bytes per run", $"{report.AllocatedBytesPerRun:F1}");
            table.AddRow("load time", $"{report.LoadMs:F1} ms");
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
