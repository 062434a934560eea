using System.Threading.Channels;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// Runs a pure check of each item on several lanes at once and hands every result to one handler, one at a time, in
/// the order the items arrived. Item <c>i</c> goes to lane <c>i mod lanes</c> and the handler takes the lanes' results
/// in the same turn, so no sequence numbers or reordering buffer are needed: each lane is a queue, and the turns
/// alone restore the order. The check must depend on nothing but its item (it runs ahead of, and beside, the handler).
/// </summary>
/// <typeparam name="TItem">What arrives.</typeparam>
/// <typeparam name="TResult">What the check makes of it.</typeparam>
internal sealed class CheckLanes<TItem, TResult>
{
    private readonly int _lanes;
    private readonly int _laneCapacity;
    private readonly Func<TItem, TResult> _check;
    private readonly Action<TResult> _handle;

    /// <summary>Lanes that run <paramref name="check"/> and a handler <paramref name="handle"/> that sees the results in arrival order.</summary>
    /// <param name="lanes">Checks that may run at once (at least 1).</param>
    /// <param name="laneCapacity">Items each lane holds before the source waits (at least 1); bounds what is checked ahead of the handler.</param>
    /// <param name="check">The check; must not throw (a throw ends the run).</param>
    /// <param name="handle">The handler; called on one thread at a time.</param>
    public CheckLanes(int lanes, int laneCapacity, Func<TItem, TResult> check, Action<TResult> handle)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(laneCapacity, 1);
        _lanes = lanes;
        _laneCapacity = laneCapacity;
        _check = check;
        _handle = handle;
    }

    /// <summary>
    /// Checks and handles everything <paramref name="source"/> yields until it completes (returns once the last item
    /// is handled) or <paramref name="cancellationToken"/> fires (throws). Items taken but not handled when it ends
    /// are dropped.
    /// </summary>
    public async Task RunAsync(ChannelReader<TItem> source, CancellationToken cancellationToken)
    {
        var options = new BoundedChannelOptions(_laneCapacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait };
        var inputs = new Channel<TItem>[_lanes];
        var outputs = new Channel<TResult>[_lanes];
        for (var lane = 0; lane < _lanes; lane++)
        {
            inputs[lane] = Channel.CreateBounded<TItem>(options);
            outputs[lane] = Channel.CreateBounded<TResult>(options);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Each stage starts on a pool thread of its own: started inline, a lane that finds work at once would check it
        // all before the next lane even started.
        var stages = new Task[_lanes + 1];
        stages[0] = Task.Run(() => DistributeAsync(source, inputs, stop.Token), CancellationToken.None);
        for (var lane = 0; lane < _lanes; lane++)
        {
            var (input, output) = (inputs[lane].Reader, outputs[lane].Writer);
            stages[lane + 1] = Task.Run(() => CheckAsync(input, output, stop.Token), CancellationToken.None);
        }

        try
        {
            await HandleAsync(outputs, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            // Whatever way the handler ended, the stages before it end too; they never throw (a stage's failure completes
            // the channel after it, and so reaches the handler).
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(stages).ConfigureAwait(false);
        }
    }

    // One reader of the source, so the turn of every item is fixed when it arrives.
    private async Task DistributeAsync(ChannelReader<TItem> source, Channel<TItem>[] inputs, CancellationToken cancellationToken)
    {
        Exception? error = null;
        try
        {
            var lane = 0;
            while (await source.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (source.TryRead(out var item))
                {
                    var writer = inputs[lane].Writer;
                    if (!writer.TryWrite(item))
                    {
                        await writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                    }

                    lane = lane + 1 == _lanes ? 0 : lane + 1;
                }
            }
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Writer.TryComplete(error);
            }
        }
    }

    private async Task CheckAsync(ChannelReader<TItem> input, ChannelWriter<TResult> output, CancellationToken cancellationToken)
    {
        Exception? error = null;
        try
        {
            while (await input.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (input.TryRead(out var item))
                {
                    var result = _check(item);
                    if (!output.TryWrite(result))
                    {
                        await output.WriteAsync(result, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            output.TryComplete(error);
        }
    }

    // The lanes' results in turn: a lane that is done when its turn comes means no later item exists.
    private async Task HandleAsync(Channel<TResult>[] outputs, CancellationToken cancellationToken)
    {
        var lane = 0;
        while (true)
        {
            var reader = outputs[lane].Reader;
            if (reader.TryRead(out var result))
            {
                _handle(result);
                lane = lane + 1 == _lanes ? 0 : lane + 1;
            }
            else if (!await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}
