namespace EdgeFactory.Inference.Slots;

/// <summary>What a <see cref="ModelSlot"/> requires of every version it serves and how it prepares one.</summary>
public sealed record ModelSlotOptions
{
    /// <summary>Slot name in logs and telemetry (e.g. <c>humanoid-1/grasp-policy</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Inputs and outputs the consumer binds; a version that does not match is refused.</summary>
    public required ModelSignature Required { get; init; }

    /// <summary>Shapes for inputs with open dimensions, used for runners and warm-up.</summary>
    public IReadOnlyDictionary<string, long[]>? InputShapes { get; init; }

    /// <summary>Runs on zeroed inputs before a version goes live, so its first real run pays no first-run costs.</summary>
    public int WarmupRuns { get; init; } = 3;

    /// <summary>Session settings of every version.</summary>
    public InferenceSessionOptions Session { get; init; } = InferenceSessionOptions.Default;

    /// <summary>Runners kept per version for consumers running at the same time.</summary>
    public int MaxIdleRunners { get; init; } = 4;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A model slot needs a name.", nameof(Name));
        }

        if (WarmupRuns < 0 || MaxIdleRunners < 1)
        {
            throw new ArgumentException($"Slot {Name}: WarmupRuns must be ≥ 0 and MaxIdleRunners ≥ 1.", nameof(WarmupRuns));
        }

        if (Required.Inputs.Count == 0 || Required.Outputs.Count == 0)
        {
            throw new ArgumentException($"Slot {Name}: declare the inputs and outputs the consumer uses.", nameof(Required));
        }

        Session.Validate();
    }
}
