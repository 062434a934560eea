using System.CommandLine;
using EdgeFactory.Cli.Commands.Models;
using EdgeFactory.Inference;
using EdgeFactory.Vision;
using EdgeFactory.Vision.Ocr;

namespace EdgeFactory.Cli.Commands.Vision;

/// <summary>Options shared by the vision commands: which models, which provider and threads, and the error convention.</summary>
internal sealed class VisionOptions
{
    public Option<string> Models { get; } = new("--models") { Description = "Folder of the PP-OCRv4 det/rec models and ppocr_keys_v1.txt (make deps installs them).", DefaultValueFactory = _ => Path.Combine("models", "ppocr") };

    public Option<bool> Classify { get; } = new("--cls") { Description = "Also run the direction classifier (turns upside-down lines)." };

    public Option<string> Providers { get; } = ModelOptions.Providers();

    public Option<int> Threads { get; } = ModelOptions.Threads();

    public Option<string?> Library { get; } = ModelOptions.Library();

    public IEnumerable<Option> All => [Models, Classify, Providers, Threads, Library];

    public OcrPipeline CreatePipeline(ParseResult parse)
    {
        ModelOptions.UseLibrary(parse, Library);
        var options = OcrOptions.PpOcrV4(parse.GetValue(Models)!, parse.GetValue(Classify)) with
        {
            Session = ModelOptions.Session(parse.GetValue(Providers)!, parse.GetValue(Threads)),
        };
        return OcrPipeline.Create(options);
    }

    /// <summary>Typed failures become one line on stderr and exit code 2.</summary>
    public static int Guard(ParseResult parse, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is VisionException or OnnxRuntimeException or IOException or UnauthorizedAccessException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"edgefactory: {e.Message}{CodeOf(e)}");
            return ExitCodes.UsageError;
        }
    }

    public static string CodeOf(Exception e) => e switch
    {
        VisionException v => $" [{v.Code}]",
        OnnxRuntimeException o => $" [{o.Code}]",
        _ => string.Empty,
    };
}
