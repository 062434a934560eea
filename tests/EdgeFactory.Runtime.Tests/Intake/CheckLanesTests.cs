using System.Threading.Channels;
using EdgeFactory.Runtime.Intake;

namespace EdgeFactory.Runtime.Tests.Intake;

public sealed class CheckLanesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public async Task RunAsync_ChecksOfUnevenLength_HandledOnceEachInArrivalOrder(int lanes)
    {
        const int Items = 20_000;
        var handled = new List<int>();
        var inHandler = 0;
        var overlapped = false;
        var sut = new CheckLanes<int, int>(
            lanes,
            laneCapacity: 8,
            check: i =>
            {
                // Some checks take longer than the ones after them, so lanes finish out of turn.
                if (i % 7 == 0)
                {
                    Thread.Yield();
                }

                return i * 2;
            },
            handle: r =>
            {
                overlapped |= Interlocked.Increment(ref inHandler) > 1;
                handled.Add(r);
                Interlocked.Decrement(ref inHandler);
            });

        await sut.RunAsync(Source(Enumerable.Range(0, Items)), CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, Items).Select(i => i * 2), handled);
        Assert.False(overlapped);
    }

    [Fact]
    public async Task RunAsync_TwoLanes_ChecksRunAtOnce()
    {
        // Each of the first two checks waits for the other to arrive: only lanes that run at once let both through.
        using var meeting = new Barrier(2);
        var met = new bool[2];
        var sut = new CheckLanes<int, int>(
            2,
            4,
            i =>
            {
                if (i < 2)
                {
                    met[i] = meeting.SignalAndWait(TimeSpan.FromSeconds(30));
                }

                return i;
            },
            _ => { });

        await sut.RunAsync(Source([0, 1, 2, 3]), CancellationToken.None);

        Assert.Equal([true, true], met);
    }

    [Fact]
    public async Task RunAsync_SourceFails_ThrowsItsError()
    {
        var source = Channel.CreateUnbounded<int>();
        source.Writer.TryWrite(1);
        source.Writer.TryComplete(new InvalidDataException("broken stream"));
        var handled = new List<int>();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new CheckLanes<int, int>(2, 4, i => i, handled.Add).RunAsync(source.Reader, CancellationToken.None));

        Assert.Equal("broken stream", error.Message);
    }

    [Fact]
    public async Task RunAsync_CheckThrows_ThrowsItsError()
    {
        var sut = new CheckLanes<int, int>(2, 4, i => i == 3 ? throw new InvalidOperationException("defect") : i, _ => { });

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.RunAsync(Source(Enumerable.Range(0, 10)), CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsWithCancellation()
    {
        var source = Channel.CreateUnbounded<int>();
        source.Writer.TryWrite(1);
        var handled = new TaskCompletionSource();
        using var stopping = new CancellationTokenSource();
        var running = new CheckLanes<int, int>(2, 4, i => i, _ => handled.TrySetResult()).RunAsync(source.Reader, stopping.Token);
        await handled.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static ChannelReader<int> Source(IEnumerable<int> items)
    {
        var channel = Channel.CreateUnbounded<int>();
        foreach (var item in items)
        {
            channel.Writer.TryWrite(item);
        }

        channel.Writer.TryComplete();
        return channel.Reader;
    }
}
