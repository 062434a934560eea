using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeFactory.Inference;
using EdgeFactory.Inference.Compilation;
using Spectre.Console;

namespace EdgeFactory.Cli.Commands.Models;

/// <summary><c>edgefactory model compile FILE --ep tensorrt --out DIR</c>: build the engine once, ahead of deployment, for this device type.</summary>
internal static class ModelCompileCommand
{
    public static Command Create()
    {
        var file = ModelOptions.File();
        var providers = new Option<string>("--ep") { Description = "Execution provider to build for; tensorrt.", DefaultValueFactory = _ => "tensorrt" };
        var output = new Option<string>("--out") { Description = "Folder for the EP-context model (and the engine, with --engine-beside).", Required = true };
        var shape = new Option<string[]>("--shape") { Description = "Shape to build the engine for, for an input with open dimensions, NAME=1x3x640x640 (repeatable)." };
        var beside = new Option<bool>("--engine-beside") { Description = "Write the engine as a file beside the model instead of embedding it." };
        var fp16 = ModelOptions.Fp16();
        var timingCache = ModelOptions.TimingCache();
        var library = ModelOptions.Library();
        var json = ModelOptions.Json();
        var command = new Command("compile", "Build a TensorRT engine for this device type and write an EP-context model that carries it, so devices never build engines on first start.")
        {
            file, providers, output, shape, beside, fp16, timingCache, library, json,
        };
        command.SetAction(parse => ModelCommandErrors.Guard(parse, () =>
        {
            ModelOptions.UseLibrary(parse, library);
            var path = parse.GetValue(file)!;
            var chosen = ExecutionProviderPreference.ParseList(parse.GetValue(providers)!);
            if (chosen.Count != 1)
            {
                throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, "--ep takes one provider for compile, e.g. --ep tensorrt.");
            }

            var provider = chosen[0] with { TensorRtFp16 = parse.GetValue(fp16), TensorRtTimingCacheDirectory = parse.GetValue(timingCache) };
            var compiled = EngineCompiler.Compile(path, parse.GetValue(output)!, provider, ModelOptions.Shapes(parse.GetValue(shape) ?? []), embedEngine: !parse.GetValue(beside));
            var report = new ModelCompileReport(Path.GetFullPath(path), provider.ShortName, compiled.Path, compiled.Files, compiled.BuildTime.TotalSeconds);
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, CliJson.Default.ModelCompileReport));
                return 0;
            }

            var table = new Table().AddColumns("measure", "value");
            table.AddRow("model", Markup.Escape(Path.GetFileName(path)));
            table.AddRow("provider", report.Provider);
            table.AddRow("EP-context model", Markup.Escape(report.Output));
            foreach (var written in report.Files.Where(f => f != report.Output))
            {
                table.AddRow("also written", Markup.Escape(written));
            }

            table.AddRow("engine build time", string.Create(CultureInfo.InvariantCulture, $"{report.BuildSeconds:F1} s"));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
