using EdgeFactory.Vision.Frames;

namespace EdgeFactory.Vision.Tests.Frames;

public sealed class LatestFrameSlotTests
{
    private static void Publish(LatestFrameSlot slot, long sequence)
    {
        slot.Back.Stamp(sequence, DateTimeOffset.UnixEpoch);
        slot.Publish();
    }

    [Fact]
    public void TryTake_Nothing_ReturnsNull()
    {
        using var slot = new LatestFrameSlot();

        Assert.Null(slot.TryTake());
    }

    [Fact]
    public void TryTake_SlowConsumer_GetsTheNewestAndDropsAreCounted()
    {
        using var slot = new LatestFrameSlot();
        for (var i = 1; i <= 5; i++)
        {
            Publish(slot, i);
        }

        Assert.Equal(5, slot.TryTake()!.Sequence);
        Assert.Null(slot.TryTake());
        Assert.Equal(5, slot.Published);
        Assert.Equal(4, slot.Dropped);
    }

    [Fact]
    public void TryTake_ConsumerKeepsUp_DropsNothing()
    {
        using var slot = new LatestFrameSlot();
        for (var i = 1; i <= 5; i++)
        {
            Publish(slot, i);
            Assert.Equal(i, slot.TryTake()!.Sequence);
        }

        Assert.Equal(0, slot.Dropped);
    }

    [Fact]
    public void Publish_NeverOverwritesTheFrameTheConsumerHolds()
    {
        using var slot = new LatestFrameSlot();
        Publish(slot, 1);
        var held = slot.TryTake()!;

        Publish(slot, 2);
        Publish(slot, 3);

        Assert.Equal(1, held.Sequence);
        Assert.NotSame(held, slot.Back);
    }
}
