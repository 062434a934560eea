using System.CommandLine;
using System.Text.Json;
using EdgeFactory.Inference;
using EdgeFactory.Inference.Npy;
using Spectre.Console;

namespace EdgeFactory.Cli.Commands.Models;

/// <summary><c>edgefactory model run FILE --input NAME=in.npy --output DIR</c>: one run on NumPy inputs, outputs as .npy.</summary>
internal static class ModelRunCommand
{
    public static Command Create()
    {
        var file = ModelOptions.File();
        var inputs = new Option<string[]>("--input") { Description = "An input as NAME=file.npy (repeatable).", Required = true };
        var output = new Option<string>("--output") { Description = "Folder for the outputs, one NAME.npy each.", Required = true };
        var providers = ModelOptions.Providers();
        var threads = ModelOptions.Threads();
        var json = ModelOptions.Json();
        var library = ModelOptions.Library();
        var command = new Command("run", "Run a model once on NumPy .npy inputs and write each output as .npy, to compare with Python tools.")
        {
            file, inputs, output, providers, threads, json, library,
        };
        command.SetAction(parse => ModelCommandErrors.Guard(parse, () =>
        {
            ModelOptions.UseLibrary(parse, library);
            var path = parse.GetValue(file)!;
            var folder = parse.GetValue(output)!;
            using var session = InferenceSession.Load(path, ModelOptions.Session(parse.GetValue(providers)!, parse.GetValue(threads)));
            var tensors = new Dictionary<string, NativeTensor>(StringComparer.Ordinal);
            try
            {
                foreach (var pair in parse.GetValue(inputs) ?? [])
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"'{pair}' is not NAME=file.npy.");
                    }

                    tensors[pair[..eq]] = NpyFile.Read(pair[(eq + 1)..]);
                }

                var results = session.Run(tensors);
                Directory.CreateDirectory(folder);
                var written = new List<ModelRunOutput>();
                foreach (var (name, tensor) in results)
                {
                    using (tensor)
                    {
                        var target = Path.Combine(folder, $"{SafeFileName(name)}.npy");
                        NpyFile.Write(target, tensor);
                        written.Add(new ModelRunOutput(name, TensorElementTypes.Name(tensor.ElementType), tensor.Shape.ToArray(), Path.GetFullPath(target)));
                    }
                }

                var report = new ModelRunReport(Path.GetFullPath(path), ExecutionProviderPreference.ShortNameOf(session.ExecutionProvider), written);
                if (parse.GetValue(json))
                {
                    parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, CliJson.Default.ModelRunReport));
                    return 0;
                }

                var table = new Table().AddColumns("output", "type", "shape", "file");
                foreach (var o in written)
                {
                    table.AddRow(Markup.Escape(o.Name), o.ElementType, Markup.Escape(TensorShapes.Format([.. o.Shape])), Markup.Escape(o.Path));
                }

                AnsiConsole.Write(table);
                return 0;
            }
            finally
            {
                foreach (var t in tensors.Values)
                {
                    t.Dispose();
                }
            }
        }));
        return command;
    }

    private static string SafeFileName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_'));
}
