using EdgeFactory.Factory.Rollout.Waves;

namespace EdgeFactory.Factory.Tests.Rollout.Waves;

/// <summary>Wave sizes and which devices each wave covers.</summary>
public sealed class WavePlanTests
{
    private static readonly string[] Group = [.. Enumerable.Range(1, 10).Select(i => $"d{i}")];

    [Fact]
    public void Waves_AreCumulative_AndTheLastCoversTheGroup()
    {
        var waves = WaveSize.ParseList("1,25%,100%");

        var sizes = Enumerable.Range(0, 3).Select(w => WavePlan.DevicesOf("r1", waves, w, Group)).ToList();

        Assert.Equal([1, 3, 10], sizes.Select(s => s.Count));
        Assert.Subset(sizes[1].ToHashSet(), sizes[0].ToHashSet());
        Assert.Subset(sizes[2].ToHashSet(), sizes[1].ToHashSet());
    }

    [Fact]
    public void ThePlan_DependsOnTheRollout_NotOnHowTheGroupIsListed()
    {
        var waves = WaveSize.ParseList("2,100%");

        Assert.Equal(WavePlan.DevicesOf("r1", waves, 0, Group), WavePlan.DevicesOf("r1", waves, 0, Group.Reverse()));
        var canaries = Enumerable.Range(0, 20).Select(i => WavePlan.DevicesOf($"r{i}", waves, 0, Group)[0]).Distinct().Count();
        Assert.True(canaries > 1, "different rollouts pick different canaries");
    }

    [Theory]
    [InlineData("1,25%")]
    [InlineData("0,100%")]
    [InlineData("150%")]
    [InlineData("-1,100%")]
    [InlineData("")]
    public void ParseList_RefusesWavesThatCannotWork(string text) =>
        Assert.Throws<FormatException>(() => WaveSize.ParseList(text));

    [Fact]
    public void ASmallGroup_StillGetsACanary() =>
        Assert.Single(WavePlan.DevicesOf("r1", WaveSize.ParseList("10%,100%"), 0, ["only"]));
}
