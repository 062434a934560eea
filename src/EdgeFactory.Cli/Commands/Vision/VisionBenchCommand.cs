using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeFactory.Inference;
using EdgeFactory.Vision.Frames;
using EdgeFactory.Vision.Ocr;
using OpenCvSharp;
using Spectre.Console;

namespace EdgeFactory.Cli.Commands.Vision;

/// <summary><c>edgefactory vision bench FOLDER</c>: the OCR pipeline over a folder of images, timed per image and per stage.</summary>
internal static class VisionBenchCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("FOLDER") { Description = "Folder of images (read once, then timed from memory)." };
        var rounds = new Option<int>("--rounds") { Description = "Timed passes over the folder.", DefaultValueFactory = _ => 3 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed passes first (0 or more).", DefaultValueFactory = _ => 1 };
        OptionRule.Add(rounds, n => n < 1 ? $"--rounds must be 1 or more, not {n}." : null);
        OptionRule.Add(warmup, n => n < 0 ? $"--warmup must be 0 or more, not {n}." : null);
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var options = new VisionOptions();
        var command = new Command("bench", "Run the OCR pipeline over every image of a folder: latency p50/p99 per image, images per second, time and managed bytes per stage.")
        {
            folder, rounds, warmup, json,
        };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => VisionOptions.Guard(parse, () =>
        {
            var path = parse.GetValue(folder)!;
            using var source = new ImageFolderSource(path);
            var images = new List<Mat>();
            try
            {
                using var frame = new Frame();
                while (source.TryRead(frame))
                {
                    images.Add(frame.Image.Clone());
                }

                using var pipeline = options.CreatePipeline(parse);
                var result = OcrBenchmark.Measure(pipeline, images, parse.GetValue(rounds), parse.GetValue(warmup));
                var report = new VisionBenchReport(
                    Path.GetFullPath(path),
                    images.Count,
                    parse.GetValue(rounds),
                    ExecutionProviderPreference.ShortNameOf(pipeline.Detector.Session.ExecutionProvider),
                    result.Latency.P50Ms,
                    result.Latency.P99Ms,
                    result.ImagesPerSecond,
                    result.Stages.ToDictionary(s => JsonNamingPolicy.CamelCase.ConvertName(s.Stage.ToString()), s => s.P50Ms),
                    result.Stages.ToDictionary(s => JsonNamingPolicy.CamelCase.ConvertName(s.Stage.ToString()), s => s.BytesPerImage));
                if (parse.GetValue(json))
                {
                    parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, VisionJson.Default.VisionBenchReport));
                    return ExitCodes.Success;
                }

                var table = new Table().AddColumns("measure", "value");
                table.AddRow("images", $"{report.Images} × {report.Rounds} rounds");
                table.AddRow("execution provider", report.ExecutionProvider);
                table.AddRow("latency p50", $"{report.P50Ms:F2} ms");
                table.AddRow("latency p99", $"{report.P99Ms:F2} ms");
                table.AddRow("throughput", $"{report.ImagesPerSecond:F2} images/s");
                foreach (var stage in result.Stages)
                {
                    table.AddRow($"{stage.Stage} p50", string.Create(CultureInfo.InvariantCulture, $"{stage.P50Ms:F2} ms, {stage.BytesPerImage:F0} managed bytes/image"));
                }

                AnsiConsole.Write(table);
                return ExitCodes.Success;
            }
            finally
            {
                foreach (var image in images)
                {
                    image.Dispose();
                }
            }
        }));
        return command;
    }
}
