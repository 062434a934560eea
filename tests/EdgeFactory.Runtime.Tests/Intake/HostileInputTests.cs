using System.Text;
using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Intake;

/// <summary>Messages meant to stop, confuse or abuse the intake: each is answered and counted, and the site goes on.</summary>
public sealed class HostileInputTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private const string Conveyor = "  - id: conveyor-1\n    kind: conveyor\n    simulation: { step_time: 1ms, jitter: 0 }\n";

    public static TheoryData<string, byte[]> InvalidUtf8() => new()
    {
        { "robotId", Bytes("{\"taskId\":\"p-1\",\"taskType\":\"index\",\"robotId\":\"conv-", 0xFF, "\"}") },
        { "parameter value", Bytes("{\"taskId\":\"p-1\",\"taskType\":\"run_belt\",\"parameters\":{\"note\":\"a", 0xC3, 0x28, "\"}}") },
        { "property name", Bytes("{\"taskId\":\"p-1\",\"taskType\":\"index\",\"x", 0xFE, "\":1}") },
        { "lone continuation byte", Bytes("{\"taskId\":\"p-1\",\"taskType\":\"index\",\"robotId\":\"", 0x80, "\"}") },
        { "lone surrogate escape", Encoding.UTF8.GetBytes("{\"taskId\":\"p-1\",\"taskType\":\"index\",\"robotId\":\"\\ud800\"}") },
        { "overlong encoding", Bytes("{\"taskId\":\"p-1\",\"taskType\":\"index\",\"robotId\":\"", 0xC0, 0xAF, "\"}") },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public async Task Submit_InvalidUtf8_RejectedAsInvalidJsonAndTheNextTaskIsAnswered(string where, byte[] payload)
    {
        await using var site = await SiteHarness.StartAsync(broker, Conveyor);

        await site.Mes.SubmitRawAsync(payload);
        var rejection = await site.Mes.WaitForStateAsync("p-1", TaskState.Rejected);
        await site.Mes.SubmitAsync("""{"taskId":"ok-1","taskType":"index"}""");
        await site.Mes.WaitForStateAsync("ok-1", TaskState.Completed);

        Assert.Equal(TaskErrorCodes.InvalidJson, rejection.Error!.Code);
        Assert.True(rejection.Error.Message.Contains("UTF-8", StringComparison.Ordinal) || rejection.Error.Message.Contains("Unicode", StringComparison.Ordinal), where);
        Assert.Equal(1, site.Counters.RejectedByCode[TaskErrorCodes.InvalidJson]);
    }

    [Theory]
    [InlineData("{\"\\udc00taskId\":\"p-1\",\"taskType\":\"index\"}")]
    [InlineData("{\"taskType\":\"index\",\"\\ud800\\ud800\":1}")]
    public async Task Submit_LoneSurrogateInPropertyName_RejectedOnRejectionsTopicAsInvalidJson(string json)
    {
        await using var site = await SiteHarness.StartAsync(broker, Conveyor);

        await site.Mes.SubmitAsync(json);
        await Eventually.TrueAsync(() => site.Mes.Unidentified.Count == 1, "a rejection");

        Assert.Equal(TaskErrorCodes.InvalidJson, site.Mes.Unidentified.Single().Error!.Code);
        Assert.Equal(0, site.IntakeRestarts);
    }

    [Fact]
    public async Task Cancel_InvalidUtf8Reason_RejectedAsInvalidJsonAndLaterCancelsWork()
    {
        await using var site = await SiteHarness.StartAsync(broker, "  - id: conveyor-1\n    kind: conveyor\n    simulation: { step_time: 10s, jitter: 0 }\n");
        await site.Mes.SubmitAsync("""{"taskId":"long","taskType":"index"}""");
        await site.Mes.WaitForStateAsync("long", TaskState.Started);

        await site.Mes.CancelRawAsync("long", Bytes("{\"taskId\":\"long\",\"reason\":\"", 0xFF, "\"}"));
        var rejection = await site.Mes.WaitForStateAsync("long", TaskState.Rejected);
        await site.Mes.CancelAsync("long");
        await site.Mes.WaitForStateAsync("long", TaskState.Cancelled);

        Assert.Equal(TaskErrorCodes.InvalidJson, rejection.Error!.Code);
    }

    [Fact]
    public async Task Submit_InvalidUtf8_AfterRestartNothingIsStuckAndNewTasksAreAnswered()
    {
        var folder = Directory.CreateTempSubdirectory("ef-site-").FullName;
        var siteId = $"s{Guid.NewGuid():N}"[..12];
        await using (var first = await SiteHarness.StartAsync(broker, Conveyor, dataDirectory: folder, siteId: siteId))
        {
            await first.Mes.SubmitRawAsync(Bytes("{\"taskId\":\"p-1\",\"taskType\":\"index\",\"robotId\":\"conv-", 0xFF, "\"}"));
            await first.Mes.WaitForStateAsync("p-1", TaskState.Rejected);
        }

        await using var second = await SiteHarness.StartAsync(broker, Conveyor, dataDirectory: folder, siteId: siteId);
        await second.Mes.SubmitAsync("""{"taskId":"ok-2","taskType":"index"}""");
        await second.Mes.WaitForStateAsync("ok-2", TaskState.Completed);
    }

    [Fact]
    public async Task Submit_BrokenJsonWithReadableId_RejectedOnItsTaskTopic()
    {
        await using var site = await SiteHarness.StartAsync(broker, Conveyor);

        await site.Mes.SubmitAsync("{\"taskId\": \"t1\", oops");
        var rejection = await site.Mes.WaitForStateAsync("t1", TaskState.Rejected);

        Assert.Equal((TaskErrorCodes.InvalidJson, 0L), (rejection.Error!.Code, rejection.Sequence));
    }

    [Theory]
    [InlineData("ef/v1/{other}/tasks/t1/status")]
    [InlineData("ef/v1/{site}/edges/d1/online")]
    [InlineData("ef/v1/{site}/tasks/t1/status")]
    [InlineData("mes/replies")]
    public async Task Submit_ResponseTopicOutsideReplyTopics_IgnoredCountedAndTaskStillRuns(string responseTopic)
    {
        await using var site = await SiteHarness.StartAsync(broker, Conveyor);
        var other = $"o{Guid.NewGuid():N}"[..12];
        var topic = responseTopic.Replace("{other}", other, StringComparison.Ordinal).Replace("{site}", site.SiteId, StringComparison.Ordinal);
        await using var watcher = await broker.ConnectAsync();
        await watcher.SubscribeAsync(topic, MqttQos.AtLeastOnce, null, CancellationToken.None);

        await site.Mes.SubmitAsync("""{"taskId":"t1","taskType":"index"}""", new MqttMessageProperties { ResponseTopic = topic, CorrelationData = new byte[] { 1 } });
        await site.Mes.WaitForStateAsync("t1", TaskState.Completed);

        // A later task with an allowed response topic: the outbox keeps order, so whatever went to the refused topic went before it.
        await site.Mes.SubmitAsync("""{"taskId":"t2","taskType":"index"}""", new MqttMessageProperties { ResponseTopic = site.Mes.ReplyTopic, CorrelationData = new byte[] { 2 } });
        await Eventually.TrueAsync(() => site.Mes.Responses.Any(r => r.Status.TaskId == "t2" && r.Status.State == TaskState.Completed), "t2 completed on its response topic");

        Assert.All(Drain(watcher), m => Assert.Null(m.Properties?.CorrelationData));
        Assert.DoesNotContain(site.Mes.Responses, r => r.Status.TaskId == "t1");
        Assert.Equal(1, site.Counters.RefusedReplyTopicCount);
        var presence = await ReadPresenceAsync(site.SiteId);
        Assert.Equal(DevicePresence.Online, presence.Presence);
    }

    private async Task<DeviceOnlineMessage> ReadPresenceAsync(string siteId)
    {
        await using var reader = await broker.ConnectAsync();
        await reader.SubscribeAsync(Topics.EdgeOnline(siteId, "d1"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        using var message = await Eventually.ReadUntilAsync(reader.Messages, m => m.Topic == Topics.EdgeOnline(siteId, "d1"), "retained presence");
        return JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.DeviceOnlineMessage)!;
    }

    [Fact]
    public async Task Submit_ResponseTopicUnderSiteFileReplyTopics_Honoured()
    {
        await using var site = await SiteHarness.StartAsync(broker, Conveyor, "mes:\n  reply_topics: [\"ef/v1/{site}/mes/replies/line-7/#\"]\n");
        var topic = $"ef/v1/{site.SiteId}/mes/replies/line-7/gw";
        var refused = $"ef/v1/{site.SiteId}/mes/replies/other";

        await site.Mes.SubmitAsync("""{"taskId":"t1","taskType":"index"}""", new MqttMessageProperties { ResponseTopic = topic, CorrelationData = new byte[] { 9 } });
        await site.Mes.SubmitAsync("""{"taskId":"t2","taskType":"index"}""", new MqttMessageProperties { ResponseTopic = refused, CorrelationData = new byte[] { 8 } });
        await site.Mes.WaitForStateAsync("t1", TaskState.Completed);
        await site.Mes.WaitForStateAsync("t2", TaskState.Completed);

        await Eventually.TrueAsync(() => site.Mes.Responses.Any(r => r.Status.TaskId == "t1" && r.Status.State == TaskState.Completed), "t1 completed on its response topic");
        Assert.DoesNotContain(site.Mes.Responses, r => r.Status.TaskId == "t2");
        Assert.Equal(1, site.Counters.RefusedReplyTopicCount);
    }

    [Theory]
    [InlineData("""{"taskId":"i1","taskType":"index","robotId":"conveyor-1"}""", """{"taskId":"i1","taskType":"index","robotId":"conveyor-1","parameters":{"pitches":1}}""")]
    [InlineData("""{"taskId":"i1","taskType":"index","robotId":"conveyor-1"}""", """{"taskId":"i1","taskType":"index","robotId":"conveyor-1","parameters":{}}""")]
    [InlineData("""{"taskId":"i1","taskType":"index","parameters":{"pitches":2}}""", """{"taskId":"i1","taskType":"index","parameters":{"pitches":2.0}}""")]
    [InlineData("""{"taskId":"i1","taskType":"index","parameters":{"pitches":2}}""", """{"taskId":"i1","taskType":"index","priority":5,"parameters":{"pitches":2e0}}""")]
    [InlineData("""{"taskId":"i1","taskType":"index","deadline":"2099-01-01T12:00:00Z"}""", """{"taskId":"i1","taskType":"index","deadline":"2099-01-01T13:00:00+01:00"}""")]
    public async Task Submit_SameTaskWrittenDifferently_RepeatsInsteadOfConflict(string first, string again)
    {
        await using var site = await SiteHarness.StartAsync(broker, Conveyor);
        await site.Mes.SubmitAsync(first);
        await site.Mes.WaitForStateAsync("i1", TaskState.Completed);

        await site.Mes.SubmitAsync(again);
        await site.Mes.WaitForAsync("i1", s => s.State == TaskState.Completed && site.Mes.StatusesOf("i1").Count(x => x.State == TaskState.Completed) == 2, "the final status repeated");

        Assert.DoesNotContain(site.Mes.StatusesOf("i1"), s => s.State == TaskState.Rejected);
        Assert.Single(site.Mes.StatusesOf("i1"), s => s.State == TaskState.Started);
    }

    [Theory]
    [InlineData("""{"taskId":"i1","taskType":"index","parameters":{"pitches":2}}""", """{"taskId":"i1","taskType":"index","parameters":{"pitches":3}}""")]
    [InlineData("""{"taskId":"i1","taskType":"index","parameters":{"pitches":1}}""", """{"taskId":"i1","taskType":"index","robotId":"conveyor-1"}""")]
    public async Task Submit_SameIdReallyDifferent_StillConflicts(string first, string again)
    {
        await using var site = await SiteHarness.StartAsync(broker, Conveyor);
        await site.Mes.SubmitAsync(first);
        await site.Mes.WaitForStateAsync("i1", TaskState.Completed);

        await site.Mes.SubmitAsync(again);
        var conflict = await site.Mes.WaitForStateAsync("i1", TaskState.Rejected);

        Assert.Equal(TaskErrorCodes.TaskIdConflict, conflict.Error!.Code);
    }

    private static List<MqttMessage> Drain(MqttClient client)
    {
        var messages = new List<MqttMessage>();
        while (client.Messages.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    private static byte[] Bytes(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            if (part is string text)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text));
            }
            else
            {
                bytes.Add(Convert.ToByte(part, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return [.. bytes];
    }
}
