using EdgeFactory.Inference;
using EdgeFactory.Inference.Slots;
using EdgeFactory.Robotics.Control;
using EdgeFactory.Runtime.Skills.Link;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Skills.Link;

public sealed class PolicyChunkSourceTests
{
    private const float Step = 0.02f;

    [Fact]
    public async Task FillAsync_ArmReachV2FromRest_SlowsDownAndArrivesAtTheTargetAtRest()
    {
        var chunk = await ChunkAsync("arm_reach_v2", target: 0.2f);

        var positions = Joint0(chunk);
        Assert.Equal(0.2f, positions[^1], 4);
        Assert.Equal(positions[^1], positions[^2], 4);
        var speeds = Speeds(positions);
        Assert.All(speeds, v => Assert.InRange(v, -1e-4f, 1.7f + 1e-3f));
        var peak = Array.IndexOf(speeds, speeds.Max());
        Assert.InRange(peak, 1, speeds.Length - 3);
        // After its top speed the joint only slows down, and it never accelerates harder than the policy's 16 rad/s².
        for (var k = peak + 1; k < speeds.Length; k++)
        {
            Assert.True(speeds[k] <= speeds[k - 1] + 1e-3f, $"step {k} speeds up after the peak: {string.Join(", ", speeds)}");
        }

        Assert.All(speeds.Zip(speeds.Skip(1), (a, b) => MathF.Abs(b - a) / Step), a => Assert.True(a <= 16f + 0.5f, $"{a} rad/s² between steps"));
    }

    [Fact]
    public async Task FillAsync_ArmReachV1FromRest_ArrivesAtItsCruiseSpeed()
    {
        var chunk = await ChunkAsync("arm_reach_v1", target: 0.2f);

        var positions = Joint0(chunk);
        Assert.Equal(0.2f, positions[^1], 4);
        var speeds = Speeds(positions);
        // From its 1 rad/s cruise to rest within one 20 ms step or two: far harder than the 6 rad/s² it speeds up with.
        var hardestStop = speeds.Zip(speeds.Skip(1), (a, b) => a - b).Max();
        Assert.True(hardestStop > 0.5f, $"v1 stops at speed, without slowing down: {string.Join(", ", speeds)}");
    }

    private static async Task<ActionChunk> ChunkAsync(string policy, float target)
    {
        var path = RepositoryPaths.Of("models", "policy", policy + ".onnx");
        ModelSignature signature;
        using (var session = InferenceSession.Load(path))
        {
            signature = session.Signature;
        }

        using var slot = new ModelSlot(new ModelSlotOptions { Name = "arm_reach", Required = signature });
        Assert.True((await slot.LoadAsync(ModelSource.FromFile(path), policy, CancellationToken.None)).Swapped);
        var observation = new ControlObservation(6);
        observation.Target[0] = target;
        var chunk = new ActionChunk(LinkedController.ChunkHorizon, 6);

        Assert.True(await new PolicyChunkSource(slot).FillAsync(observation, chunk, CancellationToken.None));
        return chunk;
    }

    private static float[] Joint0(ActionChunk chunk) => Enumerable.Range(0, chunk.Steps).Select(k => chunk.Step(k)[0]).ToArray();

    private static float[] Speeds(float[] positions) => positions.Zip(positions.Skip(1), (a, b) => (b - a) / Step).ToArray();
}
