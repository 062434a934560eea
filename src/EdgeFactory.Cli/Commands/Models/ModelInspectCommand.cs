using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using EdgeFactory.Inference;
using Spectre.Console;

namespace EdgeFactory.Cli.Commands.Models;

/// <summary><c>edgefactory model inspect FILE</c>: inputs, outputs, opsets and metadata of a model.</summary>
internal static class ModelInspectCommand
{
    public static Command Create()
    {
        var file = ModelOptions.File();
        var json = ModelOptions.Json();
        var library = ModelOptions.Library();
        var command = new Command("inspect", "Show a model's inputs and outputs (with symbolic dimensions), opsets, producer and metadata.") { file, json, library };
        command.SetAction(parse => ModelCommandErrors.Guard(parse, () =>
        {
            ModelOptions.UseLibrary(parse, library);
            var path = parse.GetValue(file)!;
            using var session = InferenceSession.Load(path);
            var report = Describe(path, session);
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, CliJson.Default.ModelInspection));
                return 0;
            }

            Print(report);
            return 0;
        }));
        return command;
    }

    internal static TensorInfo Info(TensorDescriptor d) =>
        new(d.Name, TensorElementTypes.Name(d.ElementType), d.Dimensions, d.SymbolicDimensions, d.ShapeText);

    private static ModelInspection Describe(string path, InferenceSession session)
    {
        using var stream = File.OpenRead(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new ModelInspection(
            Path.GetFullPath(path),
            new FileInfo(path).Length,
            sha,
            ExecutionProviderPreference.ShortNameOf(session.ExecutionProvider),
            [.. session.Signature.Inputs.Select(Info)],
            [.. session.Signature.Outputs.Select(Info)],
            session.Metadata);
    }

    private static void Print(ModelInspection r)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(r.File))}[/]  {r.Bytes:N0} bytes  sha256 {r.Sha256}");
        var tensors = new Table().AddColumns("", "name", "type and shape");
        foreach (var i in r.Inputs)
        {
            tensors.AddRow("input", Markup.Escape(i.Name), Markup.Escape(i.Text));
        }

        foreach (var o in r.Outputs)
        {
            tensors.AddRow("output", Markup.Escape(o.Name), Markup.Escape(o.Text));
        }

        AnsiConsole.Write(tensors);
        var m = r.Model;
        var facts = new Table().AddColumns("fact", "value");
        facts.AddRow("producer", Markup.Escape($"{m.ProducerName} {m.ProducerVersion}".Trim()));
        facts.AddRow("graph", Markup.Escape(m.GraphName));
        facts.AddRow("IR version", m.IrVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        facts.AddRow("opsets", Markup.Escape(string.Join(", ", m.Opsets.Select(o => $"{(o.Key.Length == 0 ? "ai.onnx" : o.Key)} {o.Value}"))));
        if (m.Description.Length > 0)
        {
            facts.AddRow("description", Markup.Escape(m.Description));
        }

        foreach (var (key, value) in m.Custom)
        {
            facts.AddRow(Markup.Escape($"metadata {key}"), Markup.Escape(value));
        }

        AnsiConsole.Write(facts);
    }
}
