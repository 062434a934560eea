using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Agents;

/// <summary>
/// An agent: a bounded mailbox read by one loop, and the supervision around it. A crash (an exception from the
/// behaviour) stops that instance and, after a capped exponential backoff, starts a fresh one from the factory; the
/// mailbox and its queued messages survive. More than <see cref="SupervisionOptions.MaxRestarts"/> crashes within
/// the window fault the agent: its mailbox is drained to dead letters and <see cref="Faulted"/> escalates.
/// </summary>
/// <typeparam name="TMessage">Mailbox message type.</typeparam>
public sealed class SupervisedAgent<TMessage>
    where TMessage : class
{
    private readonly Func<IAgent<TMessage>> _factory;
    private readonly SupervisionOptions _options;
    private readonly TimeProvider _time;
    private readonly DeadLetters _deadLetters;
    private readonly ILogger _logger;
    private readonly Channel<TMessage> _mailbox;
    private readonly Queue<DateTimeOffset> _restarts = new();
    private readonly KeyValuePair<string, object?> _tag;
    private int _status = (int)AgentStatus.Created;

    /// <summary>Creates the agent; nothing runs until <see cref="RunAsync"/>.</summary>
    public SupervisedAgent(string name, Func<IAgent<TMessage>> factory, SupervisionOptions options, TimeProvider time, DeadLetters deadLetters, ILogger logger)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _factory = factory ?? throw new ArgumentNullException(nameof(factory));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _deadLetters = deadLetters ?? throw new ArgumentNullException(nameof(deadLetters));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _tag = new KeyValuePair<string, object?>("agent", name);
        _mailbox = Channel.CreateBounded<TMessage>(new BoundedChannelOptions(options.MailboxCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Agent name, e.g. the robot id.</summary>
    public string Name { get; }

    /// <summary>Where the agent stands.</summary>
    public AgentStatus Status => (AgentStatus)Volatile.Read(ref _status);

    /// <summary>Messages waiting in the mailbox.</summary>
    public int MailboxDepth => _mailbox.Reader.Count;

    /// <summary>Restarts so far.</summary>
    public int RestartCount { get; private set; }

    /// <summary>Raised once when the agent gives up after too many crashes, with the last crash.</summary>
    public event Action<SupervisedAgent<TMessage>, Exception>? Faulted;

    /// <summary>Queues a message; false (and a dead letter) when the agent is faulted or stopped, or its mailbox is full.</summary>
    public bool Tell(TMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_mailbox.Writer.TryWrite(message))
        {
            return true;
        }

        _deadLetters.Add(Name, message, Status is AgentStatus.Faulted or AgentStatus.Stopped ? $"agent is {Status.ToString().ToLowerInvariant()}" : "mailbox full");
        return false;
    }

    /// <summary>Sends the message <paramref name="build"/> makes around a reply slot and waits for the reply.</summary>
    /// <exception cref="TimeoutException">No reply within <paramref name="timeout"/>.</exception>
    public async Task<TReply> AskAsync<TReply>(Func<TaskCompletionSource<TReply>, TMessage> build, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        var reply = new TaskCompletionSource<TReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Tell(build(reply)))
        {
            throw new InvalidOperationException($"Agent {Name} cannot take messages: it is {Status.ToString().ToLowerInvariant()}.");
        }

        try
        {
            return await reply.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Agent {Name} did not answer within {timeout.TotalMilliseconds:0} ms (mailbox depth {MailboxDepth}).");
        }
    }

    /// <summary>Runs the agent until <paramref name="stopping"/> fires or it faults.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = _options.Backoff;
        while (!stopping.IsCancellationRequested)
        {
            var crash = await RunInstanceAsync(stopping).ConfigureAwait(false);
            if (crash is null)
            {
                break;
            }

            var now = _time.GetUtcNow();
            _restarts.Enqueue(now);
            while (_restarts.Count > 0 && now - _restarts.Peek() > _options.Window)
            {
                _restarts.Dequeue();
            }

            if (_restarts.Count > _options.MaxRestarts)
            {
                Volatile.Write(ref _status, (int)AgentStatus.Faulted);
                _mailbox.Writer.TryComplete();
                AgentLog.Faulted(_logger, Name, _restarts.Count, _options.Window, crash.Message, crash);
                while (_mailbox.Reader.TryRead(out var orphan))
                {
                    _deadLetters.Add(Name, orphan, "agent faulted");
                }

                Faulted?.Invoke(this, crash);
                return;
            }

            RestartCount++;
            AgentMetrics.Restarts.Add(1, _tag);
            Volatile.Write(ref _status, (int)AgentStatus.Restarting);
            AgentLog.Restarting(_logger, Name, crash.Message, _restarts.Count, _options.MaxRestarts, _options.Window, backoff, crash);
            try
            {
                await Task.Delay(backoff, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }

        Volatile.Write(ref _status, (int)AgentStatus.Stopped);
        _mailbox.Writer.TryComplete();
    }

    // One instance's life: start, handle until stop or crash, stop. Returns the crash, or null on a requested stop.
    private async Task<Exception?> RunInstanceAsync(CancellationToken stopping)
    {
        using var life = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var agent = _factory();
        Exception? crash = null;
        try
        {
            await agent.StartAsync(life.Token).ConfigureAwait(false);
            Volatile.Write(ref _status, (int)AgentStatus.Running);
            while (await _mailbox.Reader.WaitToReadAsync(life.Token).ConfigureAwait(false))
            {
                while (_mailbox.Reader.TryRead(out var message))
                {
                    var started = Stopwatch.GetTimestamp();
                    await agent.HandleAsync(message, life.Token).ConfigureAwait(false);
                    AgentMetrics.HandlingTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, _tag);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Requested stop.
        }
        catch (Exception e)
        {
            crash = e;
        }

        await life.CancelAsync().ConfigureAwait(false);
        try
        {
            await agent.StopAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            AgentLog.StopFailed(_logger, Name, e.Message, e);
            crash ??= e;
        }

        return crash;
    }
}
