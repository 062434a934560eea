using System.Globalization;

namespace EdgeFactory.Inference;

/// <summary>Turns ONNX Runtime's own exceptions (<c>[ErrorCode:Fail] text</c>) into ours, with the stable code and our context first.</summary>
internal static class OrtFailure
{
    private const string Prefix = "[ErrorCode:";

    public static OnnxRuntimeException Wrap(Microsoft.ML.OnnxRuntime.OnnxRuntimeException error, string context)
    {
        var (code, text) = Parse(error.Message);
        return new OnnxRuntimeException(code, $"{context}: {text}", error);
    }

    /// <summary>The code and text of ONNX Runtime's message; codes the C# API has no name for arrive as numbers.</summary>
    public static (OrtErrorCode Code, string Text) Parse(string message)
    {
        var end = message.IndexOf(']', StringComparison.Ordinal);
        if (!message.StartsWith(Prefix, StringComparison.Ordinal) || end < 0)
        {
            return (OrtErrorCode.Fail, message);
        }

        var name = message[Prefix.Length..end];
        var text = message[(end + 1)..].Trim();
        var code = Enum.TryParse<OrtErrorCode>(name, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && (int)parsed < 100
            ? parsed
            : int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && Enum.IsDefined((OrtErrorCode)number) && number < 100
                ? (OrtErrorCode)number
                : OrtErrorCode.Fail;
        return (code, text);
    }
}
