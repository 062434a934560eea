using System.CommandLine;
using EdgeFactory.Inference;

namespace EdgeFactory.Cli.Commands.Models;

/// <summary>Turns a model command's typed failures into one line on stderr and exit code 2.</summary>
internal static class ModelCommandErrors
{
    public static int Guard(ParseResult parse, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is OnnxRuntimeException or IOException or UnauthorizedAccessException)
        {
            var code = e is OnnxRuntimeException ort ? $" [{ort.Code}]" : string.Empty;
            parse.InvocationConfiguration.Error.WriteLine($"edgefactory: {e.Message}{code}");
            return 2;
        }
    }
}
