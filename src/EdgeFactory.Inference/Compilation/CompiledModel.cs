namespace EdgeFactory.Inference.Compilation;

/// <summary>An EP-context model written by <see cref="EngineCompiler"/>: the ONNX file that carries (or points at) the prebuilt engine.</summary>
/// <param name="Path">The EP-context model to deploy in place of the original.</param>
/// <param name="Provider">The provider whose engine it holds.</param>
/// <param name="BuildTime">How long building the engine took.</param>
/// <param name="Files">Every file written (the model, and the engine beside it unless embedded).</param>
public sealed record CompiledModel(string Path, ExecutionProviderKind Provider, TimeSpan BuildTime, IReadOnlyList<string> Files);
