using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeFactory.Vision;
using EdgeFactory.Vision.Ocr;
using Spectre.Console;

namespace EdgeFactory.Cli.Commands.Vision;

/// <summary><c>edgefactory vision ocr IMAGE...</c>: what each image says, where, how sure, and how long each stage took.</summary>
internal static class VisionOcrCommand
{
    public static Command Create()
    {
        var images = new Argument<string[]>("IMAGE") { Description = "Image files (PNG, JPEG, ...).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var options = new VisionOptions();
        var command = new Command("ocr", "Read the text in images: each line's text, box (corners, clockwise from top-left), confidence, and the time per stage. Exit code 2 when an image cannot be read.")
        {
            images, json,
        };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => VisionOptions.Guard(parse, () =>
        {
            using var pipeline = options.CreatePipeline(parse);
            var reports = parse.GetValue(images)!.Select(file => ReadOne(pipeline, file)).ToList();
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new VisionOcrReport(reports), VisionJson.Default.VisionOcrReport));
            }
            else
            {
                Print(reports);
            }

            foreach (var failed in reports.Where(r => r.Error is not null))
            {
                parse.InvocationConfiguration.Error.WriteLine($"edgefactory: {failed.Error} [{failed.Code}]");
            }

            return reports.Any(r => r.Error is not null) ? ExitCodes.UsageError : ExitCodes.Success;
        }));
        return command;
    }

    private static VisionImageReport ReadOne(OcrPipeline pipeline, string file)
    {
        try
        {
            var result = pipeline.Read(file);
            var lines = result.Lines.Select(l => new VisionLineReport(l.Text, [.. l.Box.ToArray().Select(p => new[] { p.X, p.Y })], l.Confidence, l.BoxScore)).ToList();
            var stages = Enum.GetValues<OcrStage>().ToDictionary(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()), s => Math.Round(result.Stages.Milliseconds(s), 3));
            return new VisionImageReport(file, lines, stages, Math.Round(result.Stages.TotalMilliseconds, 3), null, null);
        }
        catch (VisionException e)
        {
            return new VisionImageReport(file, [], new Dictionary<string, double>(), 0, e.Message, e.Code.ToString());
        }
    }

    private static void Print(IReadOnlyList<VisionImageReport> reports)
    {
        var table = new Table().AddColumns("image", "text", "confidence", "box");
        foreach (var report in reports.Where(r => r.Error is null))
        {
            if (report.Lines.Count == 0)
            {
                table.AddRow(Markup.Escape(Path.GetFileName(report.File)), "[grey](no text)[/]", string.Empty, string.Empty);
            }

            foreach (var line in report.Lines)
            {
                var box = string.Join(" ", line.Box.Select(p => string.Create(CultureInfo.InvariantCulture, $"({p[0]:F0},{p[1]:F0})")));
                table.AddRow(Markup.Escape(Path.GetFileName(report.File)), Markup.Escape(line.Text), line.Confidence.ToString("F3", CultureInfo.InvariantCulture), box);
            }
        }

        AnsiConsole.Write(table);
        var timings = new Table().AddColumns("image", "preprocess ms", "det ms", "post ms", "cls ms", "rec ms", "total ms");
        foreach (var report in reports.Where(r => r.Error is null))
        {
            timings.AddRow([Markup.Escape(Path.GetFileName(report.File)), .. report.StageMs.Values.Select(v => v.ToString("F1", CultureInfo.InvariantCulture)), report.TotalMs.ToString("F1", CultureInfo.InvariantCulture)]);
        }

        AnsiConsole.Write(timings);
    }
}
