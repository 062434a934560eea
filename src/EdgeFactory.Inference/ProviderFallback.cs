namespace EdgeFactory.Inference;

/// <summary>A preferred execution provider that could not be used for a session, and ONNX Runtime's reason.</summary>
/// <param name="Provider">The provider skipped.</param>
/// <param name="Reason">Why, in ONNX Runtime's words or ours.</param>
public sealed record ProviderFallback(ExecutionProviderKind Provider, string Reason);
