namespace EdgeFactory.Inference;

/// <summary>What a model file says about itself: producer, graph, opsets and the custom metadata map.</summary>
/// <param name="ProducerName">Tool that wrote the model (e.g. <c>pytorch</c>, <c>PaddlePaddle</c>).</param>
/// <param name="ProducerVersion">Version of that tool.</param>
/// <param name="GraphName">Name of the main graph.</param>
/// <param name="Domain">Model domain.</param>
/// <param name="Description">Doc string.</param>
/// <param name="ModelVersion">The model_version field.</param>
/// <param name="IrVersion">ONNX IR version.</param>
/// <param name="Opsets">Operator set versions by domain (<c>""</c> is the default ONNX domain).</param>
/// <param name="Custom">Custom metadata map (metadata_props).</param>
public sealed record ModelMetadata(
    string ProducerName,
    string ProducerVersion,
    string GraphName,
    string Domain,
    string Description,
    long ModelVersion,
    long IrVersion,
    IReadOnlyDictionary<string, long> Opsets,
    IReadOnlyDictionary<string, string> Custom)
{
    /// <summary>Version of the default ONNX operator set, or 0 when the model names none.</summary>
    public long DefaultOpset => Opsets.TryGetValue(string.Empty, out var v) ? v : Opsets.TryGetValue("ai.onnx", out v) ? v : 0;
}
