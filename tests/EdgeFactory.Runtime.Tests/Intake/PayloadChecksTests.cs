using System.Text;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Intake;

namespace EdgeFactory.Runtime.Tests.Intake;

public sealed class PayloadChecksTests
{
    private const int Max = 262_144;

    [Fact]
    public void Submit_Valid_PassesWithTheMessage()
    {
        var verdict = PayloadChecks.Submit(Bytes("""{"taskId":"t1","taskType":"index","robotId":"c1","priority":3}"""), Max);

        var submit = Assert.IsType<TaskSubmitMessage>(verdict.Message);
        Assert.Equal(("t1", "index", "c1", 3), (submit.TaskId, submit.TaskType, submit.RobotId, submit.Priority));
        Assert.Null(verdict.Code);
    }

    [Theory]
    [InlineData("{\"task", TaskErrorCodes.InvalidJson, null)]
    [InlineData("""{"taskId":"t1","taskType":"index","note":"\uD800"}""", TaskErrorCodes.InvalidJson, null)]
    [InlineData("""{"taskId":"t1","taskType":"index","priority":12}""", TaskErrorCodes.SchemaViolation, "t1")]
    [InlineData("""{"taskId":"t/1","taskType":"index","priority":12}""", TaskErrorCodes.SchemaViolation, null)]
    public void Submit_Bad_RefusedWithCode(string json, string code, string? taskId)
    {
        var verdict = PayloadChecks.Submit(Bytes(json), Max);

        Assert.Null(verdict.Message);
        Assert.Equal((code, taskId), (verdict.Code, verdict.TaskId));
        Assert.False(string.IsNullOrEmpty(verdict.Reason));
    }

    [Fact]
    public void Submit_NotUtf8_RefusedAsInvalidJsonNamingTheByte()
    {
        var verdict = PayloadChecks.Submit(new byte[] { (byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)'}' }, Max);

        Assert.Equal(TaskErrorCodes.InvalidJson, verdict.Code);
        Assert.Contains("0xFF at offset 2", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_OverTheLimit_RefusedAsTooLarge()
    {
        var verdict = PayloadChecks.Submit(Bytes("""{"taskId":"t1","taskType":"index"}"""), 10);

        Assert.Equal(TaskErrorCodes.PayloadTooLarge, verdict.Code);
    }

    [Fact]
    public void Cancel_Valid_PassesWithTheMessage()
    {
        var verdict = PayloadChecks.Cancel(Bytes("""{"taskId":"t1"}"""));

        Assert.Equal("t1", Assert.IsType<TaskCancelMessage>(verdict.Message).TaskId);
    }

    // The checks run on several lanes at once: the same bytes get the same verdict on any thread.
    [Fact]
    public void Submit_ManyThreadsAtOnce_SameVerdictsAsOneAtATime()
    {
        var payloads = Enumerable.Range(0, 400).Select(i => (i % 4) switch
        {
            0 => $$$"""{"taskId":"t{{{i}}}","taskType":"index","parameters":{"n":{{{i}}}}}""",
            1 => $$"""{"taskId":"t{{i}}","taskType":"index","priority":{{i}}}""",
            2 => $$"""{"taskId":"t{{i}}","taskType":"index","colour":"red"}""",
            _ => $$"""{"taskId":"t{{i}}","taskType":"index","deadline":"not a time"}""",
        }).Select(Bytes).ToArray();
        var alone = payloads.Select(p => Describe(PayloadChecks.Submit(p, Max))).ToArray();

        var together = new string[payloads.Length];
        Parallel.For(0, payloads.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => together[i] = Describe(PayloadChecks.Submit(payloads[i], Max)));

        Assert.Equal(alone, together);
        Assert.Contains(alone, a => a.StartsWith("passed", StringComparison.Ordinal));
        Assert.Contains(alone, a => a.StartsWith(TaskErrorCodes.SchemaViolation, StringComparison.Ordinal));
    }

    private static string Describe(PayloadVerdict verdict) =>
        verdict.Message is TaskSubmitMessage submit ? $"passed {submit.TaskId} {submit.Priority}" : $"{verdict.Code} {verdict.TaskId} {verdict.Reason}";

    private static ReadOnlyMemory<byte> Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
