using System.Collections.Concurrent;
using EdgeFactory.Runtime.Agents;
using EdgeFactory.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeFactory.Runtime.Tests.Agents;

public sealed class SupervisedAgentTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly DeadLetters _deadLetters = new(NullLogger<DeadLetters>.Instance);
    private readonly ConcurrentQueue<string> _handled = new();
    private int _instances;

    [Fact]
    public async Task Tell_Messages_HandledInOrderByOneInstance()
    {
        using var stop = new CancellationTokenSource();
        var agent = CreateSut();
        var run = agent.RunAsync(stop.Token);

        foreach (var text in new[] { "a", "b", "c" })
        {
            Assert.True(agent.Tell(new Note(text)));
        }

        await Eventually.TrueAsync(() => _handled.Count == 3, "three messages handled");
        await stop.CancelAsync();
        await run;

        Assert.Equal(["1:a", "1:b", "1:c"], _handled);
        Assert.Equal(AgentStatus.Stopped, agent.Status);
    }

    [Fact]
    public async Task AskAsync_AgentReplies_ReturnsReply()
    {
        using var stop = new CancellationTokenSource();
        var agent = CreateSut();
        var run = agent.RunAsync(stop.Token);

        var reply = await agent.AskAsync<string>(r => new Question(r), TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal("instance 1", reply);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task AskAsync_NoReply_ThrowsTimeoutNamingTheAgent()
    {
        using var stop = new CancellationTokenSource();
        var agent = CreateSut();
        var run = agent.RunAsync(stop.Token);

        var ask = agent.AskAsync<string>(r => new Note("ignored"), TimeSpan.FromSeconds(2), CancellationToken.None);
        await Eventually.TrueAsync(() => _handled.Count == 1, "the message handled");
        _time.Advance(TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => ask);
        Assert.Contains("robot-1", error.Message, StringComparison.Ordinal);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Crash_RestartsFreshInstanceAfterBackoff_QueuedMessagesSurvive()
    {
        using var stop = new CancellationTokenSource();
        var agent = CreateSut();
        var run = agent.RunAsync(stop.Token);

        agent.Tell(new Crash());
        agent.Tell(new Note("after"));
        await Eventually.TrueAsync(() => agent.Status == AgentStatus.Restarting, "agent restarting");
        Assert.Empty(_handled);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await Eventually.TrueAsync(() => _handled.Count == 1, "queued message handled by the new instance");
        await stop.CancelAsync();
        await run;

        Assert.Equal(["2:after"], _handled);
        Assert.Equal(1, agent.RestartCount);
    }

    [Fact]
    public async Task Crash_TooOftenWithinWindow_FaultsEscalatesAndDeadLettersTheRest()
    {
        var agent = CreateSut(new SupervisionOptions { MaxRestarts = 2, Window = TimeSpan.FromMinutes(1), Backoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(2) });
        Exception? escalated = null;
        agent.Faulted += (_, e) => escalated = e;
        var run = agent.RunAsync(CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            agent.Tell(new Crash());
        }

        agent.Tell(new Note("orphan"));
        for (var i = 0; i < 2; i++)
        {
            await Eventually.TrueAsync(() => agent.Status == AgentStatus.Restarting && agent.RestartCount == i + 1, $"restart {i + 1}");
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        await run;

        Assert.Equal(AgentStatus.Faulted, agent.Status);
        Assert.IsType<InvalidOperationException>(escalated);
        Assert.Equal(1, _deadLetters.Count);
        Assert.False(agent.Tell(new Note("late")));
        Assert.Equal(2, _deadLetters.Count);
    }

    [Fact]
    public async Task Crash_OutsideWindow_DoesNotCountTowardsFault()
    {
        using var stop = new CancellationTokenSource();
        var agent = CreateSut(new SupervisionOptions { MaxRestarts = 1, Window = TimeSpan.FromSeconds(10), Backoff = TimeSpan.FromSeconds(1) });
        var run = agent.RunAsync(stop.Token);

        for (var i = 0; i < 3; i++)
        {
            agent.Tell(new Crash());
            await Eventually.TrueAsync(() => agent.Status == AgentStatus.Restarting, "restarting");
            _time.Advance(TimeSpan.FromSeconds(11));
            await Eventually.TrueAsync(() => agent.Status == AgentStatus.Running, "running again");
        }

        Assert.Equal(3, agent.RestartCount);
        await stop.CancelAsync();
        await run;
    }

    private SupervisedAgent<object> CreateSut(SupervisionOptions? options = null) =>
        new("robot-1", () => new Behaviour(Interlocked.Increment(ref _instances), _handled), options ?? new SupervisionOptions(), _time, _deadLetters, NullLogger.Instance);

    private sealed record Note(string Text);

    private sealed record Crash;

    private sealed record Question(TaskCompletionSource<string> Reply);

    private sealed class Behaviour(int instance, ConcurrentQueue<string> handled) : IAgent<object>
    {
        public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask HandleAsync(object message, CancellationToken cancellationToken)
        {
            switch (message)
            {
                case Note note:
                    handled.Enqueue($"{instance}:{note.Text}");
                    break;
                case Question question:
                    question.Reply.SetResult($"instance {instance}");
                    break;
                case Crash:
                    throw new InvalidOperationException("driver threw");
                default:
                    break;
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask StopAsync() => ValueTask.CompletedTask;
    }
}
