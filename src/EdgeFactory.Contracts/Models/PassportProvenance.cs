namespace EdgeFactory.Contracts.Models;

/// <summary>Where a model came from.</summary>
/// <param name="Source">Source of the model: a repository and commit, or a training run.</param>
/// <param name="TrainingData">Reference to the data it was trained on.</param>
/// <param name="Creator">Who made it (a team or a person).</param>
public sealed record PassportProvenance(string Source, string TrainingData, string Creator);
