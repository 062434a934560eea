namespace EdgeFactory.Contracts.Models;

/// <summary>What a model package is, who made it and where it may run: <c>passport.json</c>, signed by a detached signature (docs/contracts/model-passport.schema.json).</summary>
/// <param name="Format">Passport format; this is format <see cref="CurrentFormat"/>.</param>
/// <param name="Name">Model name, e.g. <c>pick-policy</c>.</param>
/// <param name="Version">Semantic version (MAJOR.MINOR.PATCH[-pre]); a device never goes back to an older one on its own.</param>
/// <param name="Model">Path of the ONNX model file in the package; one of <paramref name="Files"/>.</param>
/// <param name="Files">Every file of the package with its SHA-256 and length.</param>
/// <param name="Inputs">The model's inputs.</param>
/// <param name="Outputs">The model's outputs.</param>
/// <param name="Opset">The model's ai.onnx opset.</param>
/// <param name="Producer">Tool that produced the model, with its version.</param>
/// <param name="Provenance">Where the model came from.</param>
/// <param name="Targets">Device types it may run on; <c>*</c> means any.</param>
/// <param name="Created">When the passport was made.</param>
/// <param name="Expires">After this instant no device loads the package.</param>
/// <param name="Evaluation">What the model was evaluated on, and how it scored.</param>
/// <param name="Engines">Prebuilt TensorRT EP-context engines, one per device type.</param>
public sealed record ModelPassport(
    int Format,
    string Name,
    string Version,
    string Model,
    IReadOnlyList<PassportFile> Files,
    IReadOnlyList<PassportTensor> Inputs,
    IReadOnlyList<PassportTensor> Outputs,
    int Opset,
    string Producer,
    PassportProvenance Provenance,
    IReadOnlyList<string> Targets,
    DateTimeOffset Created,
    DateTimeOffset Expires,
    PassportEvaluation? Evaluation = null,
    IReadOnlyList<PassportEngine>? Engines = null)
{
    /// <summary>The passport format this code writes and reads.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The target that stands for every device type.</summary>
    public const string AnyTarget = "*";
}
