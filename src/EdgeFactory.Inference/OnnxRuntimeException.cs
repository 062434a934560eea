namespace EdgeFactory.Inference;

/// <summary>An ONNX Runtime failure with its stable <see cref="Code"/>; the message names the model and what was expected.</summary>
public sealed class OnnxRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OnnxRuntimeException(OrtErrorCode code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>Stable error code.</summary>
    public OrtErrorCode Code { get; }
}
