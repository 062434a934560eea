using System.Globalization;
using EdgeFactory.Inference.Slots;
using EdgeFactory.Robotics.Control;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>
/// Plans motion with an ONNX policy (docs/policies.md): the observation goes into <c>obs</c>, the chunk comes out of
/// <c>actions</c> [1, H, J]. Runs through a <see cref="ModelSlot"/>, so a new version takes over at the next chunk.
/// Allocates nothing per chunk once a version's metadata has been read.
/// </summary>
public sealed class PolicyChunkSource(ModelSlot slot) : IActionChunkSource
{
    /// <summary>Input and output names every policy has.</summary>
    public const string Observation = "obs";

    /// <inheritdoc cref="Observation"/>
    public const string Actions = "actions";

    private string? _version;
    private TimeSpan _stepPeriod;
    private float _lead;

    /// <summary>The slot this source runs.</summary>
    public ModelSlot Slot => slot;

    /// <inheritdoc/>
    public ValueTask<bool> FillAsync(ControlObservation observation, ActionChunk chunk, CancellationToken cancellationToken)
    {
        using var lease = slot.Acquire();
        var runner = lease.Runner;
        if (!ReferenceEquals(_version, lease.Version))
        {
            _stepPeriod = StepPeriodOf(runner.Session.Metadata.Custom, slot.Name);
            _lead = LeadOf(runner.Session.Metadata.Custom);
            _version = lease.Version;
        }

        var joints = observation.Joints;
        var input = runner.Input(Observation).AsSpan<float>();
        if (input.Length != 3 * joints)
        {
            throw new PolicyShapeException($"Policy {slot.Name} version {lease.Version} takes {input.Length} observation values; a controller of {joints} joints needs {3 * joints} (positions, velocities, target).");
        }

        observation.Positions.CopyTo(input);
        observation.Velocities.CopyTo(input[joints..]);
        observation.Target.CopyTo(input[(2 * joints)..]);
        runner.Run(cancellationToken);
        var actions = runner.Output(Actions).AsSpan<float>();
        var steps = Math.Min(actions.Length / joints, chunk.Horizon - 1);
        if (steps < 1 || actions.Length % joints != 0)
        {
            throw new PolicyShapeException($"Policy {slot.Name} version {lease.Version} gave {actions.Length} action values, not a whole number of steps of {joints} joints.");
        }

        // Step 0 is the setpoint for the instant of the observation: where a moving joint's command is while the joint
        // trails it by the policy's lead (docs/policies.md); the policy's actions follow, one step period apart.
        var anchor = chunk.Step(0);
        for (var j = 0; j < joints; j++)
        {
            anchor[j] = observation.Positions[j] + (observation.Velocities[j] * _lead);
        }

        for (var k = 0; k < steps; k++)
        {
            actions.Slice(k * joints, joints).CopyTo(chunk.Step(k + 1));
        }

        chunk.Steps = steps + 1;
        chunk.StepPeriod = _stepPeriod;
        chunk.ModelVersion = lease.Version;
        chunk.ObservedAt = observation.StateAt;
        return ValueTask.FromResult(true);
    }

    // The joint lag the policy plans with (metadata 'edgefactory.lead_ms'); 0 when the policy does not say.
    private static float LeadOf(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue("edgefactory.lead_ms", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms is >= 0 and <= 1000
            ? ms / 1000f
            : 0f;

    private static TimeSpan StepPeriodOf(IReadOnlyDictionary<string, string> metadata, string slotName) =>
        metadata.TryGetValue("edgefactory.step_ms", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and <= 1000
            ? TimeSpan.FromMilliseconds(ms)
            : throw new PolicyShapeException($"Policy {slotName} does not say its step period (metadata 'edgefactory.step_ms', 1 … 1000).");
}
