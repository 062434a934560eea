using EdgeFactory.Robotics.Control;

namespace EdgeFactory.Robotics.Tests.Control;

public sealed class ActionChunkTests
{
    [Fact]
    public void Sample_BetweenSteps_InterpolatesLinearly()
    {
        var chunk = Chunk(0f, 1f, 3f);
        var setpoint = new float[1];
        Assert.True(chunk.Sample(TimeSpan.FromMilliseconds(5), setpoint));
        Assert.Equal(0.5f, setpoint[0], 1e-6f);
        Assert.True(chunk.Sample(TimeSpan.FromMilliseconds(15), setpoint));
        Assert.Equal(2f, setpoint[0], 1e-6f);
    }

    [Fact]
    public void Sample_PastTheLastStep_HoldsItAndSaysExhausted()
    {
        var chunk = Chunk(0f, 1f, 3f);
        var setpoint = new float[1];
        Assert.True(chunk.Sample(TimeSpan.FromMilliseconds(20), setpoint));
        Assert.False(chunk.Sample(TimeSpan.FromMilliseconds(25), setpoint));
        Assert.Equal(3f, setpoint[0]);
    }

    [Fact]
    public void Buffer_NewestPublishedWins_AndIsTakenOnce()
    {
        var buffer = new ActionChunkBuffer(2, 1);
        Assert.False(buffer.TryTake(out _));
        buffer.Back.Step(0)[0] = 1;
        buffer.Publish();
        buffer.Back.Step(0)[0] = 2;
        buffer.Publish();
        Assert.True(buffer.TryTake(out var taken));
        Assert.Equal(2, taken.Step(0)[0]);
        Assert.False(buffer.TryTake(out var same));
        Assert.Same(taken, same);
    }

    [Fact]
    public async Task Buffer_ProducerAndLoopOnTwoThreads_LoopNeverSeesAHalfWrittenChunk()
    {
        var buffer = new ActionChunkBuffer(8, 4);
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            for (var value = 1; !stop.IsCancellationRequested; value++)
            {
                for (var k = 0; k < 8; k++)
                {
                    buffer.Back.Step(k).Fill(value);
                }

                buffer.Publish();
            }
        });

        var taken = 0;
        while (taken < 20_000)
        {
            if (buffer.TryTake(out var chunk))
            {
                taken++;
                var value = chunk.Step(0)[0];
                for (var k = 0; k < 8; k++)
                {
                    Assert.All(chunk.Step(k).ToArray(), v => Assert.Equal(value, v));
                }
            }
        }

        await stop.CancelAsync();
        await producer;
    }

    private static ActionChunk Chunk(params float[] steps)
    {
        var chunk = new ActionChunk(steps.Length, 1) { Steps = steps.Length, StepPeriod = TimeSpan.FromMilliseconds(10) };
        for (var i = 0; i < steps.Length; i++)
        {
            chunk.Step(i)[0] = steps[i];
        }

        return chunk;
    }
}
