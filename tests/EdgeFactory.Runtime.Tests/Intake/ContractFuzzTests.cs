using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Mqtt;
using EdgeFactory.Testing;
using EdgeFactory.Testing.Fuzzing;
using Xunit.Abstractions;

namespace EdgeFactory.Runtime.Tests.Intake;

/// <summary>
/// A storm of mutated contract examples against a real edge runtime on a real Mosquitto, with valid tasks mixed in.
/// A few thousand here (seeded, so a failure repeats); <c>make fuzz</c> sends 100,000 through the same test.
/// </summary>
public sealed class ContractFuzzTests(BrokerFixture broker, ITestOutputHelper output) : IClassFixture<BrokerFixture>
{
    private const string Robots =
        "  - id: cell-1\n    kind: pick_place_cell\n    simulation: { step_time: 0, jitter: 0 }\n"
        + "  - id: conveyor-1\n    kind: conveyor\n    simulation: { step_time: 0, jitter: 0 }\n"
        + "  - id: humanoid-1\n    kind: humanoid\n    simulation: { step_time: 0, jitter: 0 }\n";

    [Fact]
    public async Task Storm_MutatedContractExamples_SiteStaysUpAnswersEveryMessageAndEveryValidTaskEndsOnce()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("EDGEFACTORY_FUZZ_PAYLOADS"), CultureInfo.InvariantCulture, out var n) ? n : 3_000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("EDGEFACTORY_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261126;
        await using var site = await SiteHarness.StartAsync(broker, Robots, "limits: { max_open_tasks: 200000 }\n");
        var fuzzer = new ContractFuzzer(ContractExamples.Load(RepositoryPaths.Of("docs", "contracts")), seed);
        var hostileReplyTopic = $"ef/v1/{site.SiteId}/edges/d1/online";
        var cases = new FuzzCase[total];
        var hostile = new bool[total];
        var valid = new List<string>();

        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(1024);
        for (var i = 0; i < total; i++)
        {
            var fuzz = cases[i] = fuzzer.Next();
            hostile[i] = i % 50 == 7;
            var properties = new MqttMessageProperties
            {
                ResponseTopic = hostile[i] ? hostileReplyTopic : site.Mes.ReplyTopic,
                CorrelationData = Correlation(i),
            };
            sends.Add((fuzz.IsCancel ? site.Mes.CancelRawAsync(fuzz.TopicTaskId, fuzz.Payload, properties) : site.Mes.SubmitRawAsync(fuzz.Payload, properties)).AsTask());
            if (i % 100 == 50)
            {
                var id = $"ok-{i}";
                valid.Add(id);
                sends.Add(site.Mes.SubmitAsync($$"""{"taskId":"{{id}}","taskType":"index"}""").AsTask());
            }

            if (sends.Count >= 1000)
            {
                await Task.WhenAll(sends);
                sends.Clear();
            }
        }

        await Task.WhenAll(sends);
        var sent = clock.Elapsed;

        // Every message that could be answered on the reply topic was: rejected, accepted or repeated, never ignored.
        var limit = TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("EDGEFACTORY_FUZZ_QUICK") is null ? 120 + (total / 500) : 20);
        try
        {
            await Eventually.TrueAsync(() => Unanswered(site, cases, hostile).Count == 0, "an answer to every fuzz message", limit);
        }
        catch (TimeoutException)
        {
            var missing = Unanswered(site, cases, hostile);
            Assert.Fail($"{missing.Count} fuzz messages got no answer (seed {seed}), e.g.:\n" + string.Join("\n", missing.Take(8).Select(i =>
                $"#{i} {(cases[i].IsCancel ? "cancel " + cases[i].TopicTaskId : "submit")} [{cases[i].Mutations}] {Convert.ToHexString(cases[i].Payload.AsSpan(0, Math.Min(cases[i].Payload.Length, 120)))}"
                + $" | statuses of its id: {string.Join(",", site.Mes.StatusesOf(RawId(cases[i])).Select(st => $"{st.State}:{st.Sequence}"))}"))
                + $"\ncounters: accepted {site.Counters.AcceptedCount}, rejected {string.Join(", ", site.Counters.RejectedByCode.Select(c => $"{c.Key} {c.Value}"))}, dead letters {site.Fleet.DeadLetters}");
        }

        var answered = clock.Elapsed;

        for (var k = 0; k < 20; k++)
        {
            valid.Add($"after-{k}");
            await site.Mes.SubmitAsync($$"""{"taskId":"after-{{k}}","taskType":"index"}""");
        }

        foreach (var id in valid)
        {
            await site.Mes.WaitForStateAsync(id, TaskState.Completed, limit);
        }

        Assert.All(valid, id => Assert.Single(site.Mes.StatusesOf(id), st => st.State.IsFinal()));

        // Every refusal was counted: the site's rejection counters agree with the rejections the MES received.
        var rejections = site.Mes.Responses.Where(r => r.Status.State == TaskState.Rejected && r.Correlation is { Length: 4 })
            .Select(r => BinaryPrimitives.ReadInt32BigEndian(r.Correlation)).Distinct().Count();
        var hostileCount = hostile.Count(h => h);
        var counted = site.Counters.RejectedByCode.Values.Sum();
        Assert.InRange(counted, rejections, rejections + hostileCount);
        Assert.Equal(hostileCount, site.Counters.RefusedReplyTopicCount);
        Assert.Equal(0, site.IntakeRestarts);
        Assert.DoesNotContain(TaskErrorCodes.InternalError, site.Counters.RejectedByCode.Keys);

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"fuzz: {total:N0} payloads (seed {seed}) sent in {sent.TotalSeconds:0.0} s, all answered after {answered.TotalSeconds:0.0} s: {total / answered.TotalSeconds:N0} payloads/s; "
            + $"rejected {counted:N0} ({string.Join(", ", site.Counters.RejectedByCode.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:N0}"))}), accepted {site.Counters.AcceptedCount:N0}, reply topics refused {site.Counters.RefusedReplyTopicCount:N0}"));
    }

    private static string RawId(FuzzCase fuzz)
    {
        if (fuzz.IsCancel)
        {
            return fuzz.TopicTaskId;
        }

        var text = System.Text.Encoding.UTF8.GetString(fuzz.Payload);
        var at = text.IndexOf("fz-", StringComparison.Ordinal);
        return at < 0 ? "?" : new string(text[at..].TakeWhile(c => c != '"').ToArray());
    }

    private static byte[] Correlation(int index)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, index);
        return bytes;
    }

    // Submissions must be answered on the reply topic; a cancel may instead be answered by its task's own statuses.
    private static List<int> Unanswered(SiteHarness site, FuzzCase[] cases, bool[] hostile)
    {
        var answered = new HashSet<int>(site.Mes.Responses.Where(r => r.Correlation is { Length: 4 }).Select(r => BinaryPrimitives.ReadInt32BigEndian(r.Correlation)));
        var missing = new List<int>();
        for (var i = 0; i < cases.Length; i++)
        {
            if (!hostile[i] && !answered.Contains(i) && !(cases[i].IsCancel && site.Mes.StatusesOf(cases[i].TopicTaskId).Any(st => st.Sequence > 0)))
            {
                missing.Add(i);
            }
        }

        return missing;
    }
}
