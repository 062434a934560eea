using EdgeFactory.Contracts.Models;

namespace EdgeFactory.Models.Packages;

/// <summary>What a passport says about a model besides its files and timestamps, which <see cref="PackageWriter"/> fills in.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Semantic version.</param>
/// <param name="Inputs">The model's inputs.</param>
/// <param name="Outputs">The model's outputs.</param>
/// <param name="Opset">The model's ai.onnx opset.</param>
/// <param name="Producer">Tool that produced the model.</param>
/// <param name="Provenance">Where the model came from.</param>
/// <param name="Targets">Device types it may run on.</param>
/// <param name="Lifetime">How long after now the passport expires.</param>
/// <param name="Evaluation">How it scored.</param>
/// <param name="Engines">Prebuilt engine files by device type, copied into the package under <c>engines/</c>.</param>
public sealed record PassportDraft(
    string Name,
    string Version,
    IReadOnlyList<PassportTensor> Inputs,
    IReadOnlyList<PassportTensor> Outputs,
    int Opset,
    string Producer,
    PassportProvenance Provenance,
    IReadOnlyList<string> Targets,
    TimeSpan Lifetime,
    PassportEvaluation? Evaluation = null,
    IReadOnlyDictionary<string, string>? Engines = null);
