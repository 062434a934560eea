using EdgeFactory.Factory.Rollout.Gates;

namespace EdgeFactory.Factory.Tests.Rollout.Gates;

/// <summary>The exact tests against values worked out by hand, and at a day's scale.</summary>
public sealed class RateTestsTests
{
    [Fact]
    public void PoissonRates_EqualExposure_IsTheBinomialTail()
    {
        // 8 of 10 events on one of two equal exposures: P(X >= 8) = (45 + 10 + 1) / 1024.
        var (higher, lower) = RateTests.PoissonRates(8, 1.0, 2, 1.0);

        Assert.Equal(56.0 / 1024, higher, 12);
        Assert.Equal(1013.0 / 1024, lower, 12);
    }

    [Fact]
    public void PoissonRates_UnequalExposure_WeighsTheShare()
    {
        // Twice the hours and twice the tasks is the same rate: no evidence either way.
        var (higher, lower) = RateTests.PoissonRates(200, 2.0, 100, 1.0);

        Assert.InRange(higher, 0.4, 0.6);
        Assert.InRange(lower, 0.4, 0.6);
    }

    [Fact]
    public void PoissonRates_ADaysBaseline_NeitherUnderflowsNorOverflows()
    {
        var (sameHigher, sameLower) = RateTests.PoissonRates(50_000, 1, 50_000, 1);
        var (fewerHigher, fewerLower) = RateTests.PoissonRates(48_000, 1, 50_000, 1);

        Assert.InRange(sameHigher, 0.4, 0.6);
        Assert.InRange(sameLower, 0.4, 0.6);
        Assert.True(fewerLower < 1e-8, $"4% fewer over 98,000 tasks is significant (p = {fewerLower})");
        Assert.InRange(fewerHigher, 0.999, 1);
    }

    [Fact]
    public void PoissonRates_NothingToCompare_GivesNoEvidence()
    {
        Assert.Equal((1.0, 1.0), RateTests.PoissonRates(0, 1, 0, 1));
        Assert.Equal((1.0, 1.0), RateTests.PoissonRates(5, 0, 5, 1));
        Assert.Equal((1.0, 1.0), RateTests.PoissonRates(-1, 1, 5, 1));
    }

    [Fact]
    public void Proportions_IsFishersExactTest()
    {
        // 3 of 4 against 1 of 4: P(X >= 3) = (C(4,3)·C(4,1) + C(4,4)·C(4,0)) / C(8,4) = 17 / 70.
        var (higher, lower) = RateTests.Proportions(3, 4, 1, 4);

        Assert.Equal(17.0 / 70, higher, 12);
        Assert.Equal(69.0 / 70, lower, 12);
    }

    [Fact]
    public void Proportions_MoreFailuresOverManyTasks_IsSignificant()
    {
        var (higher, _) = RateTests.Proportions(60, 1_000, 20, 1_000);
        var (same, _) = RateTests.Proportions(20, 1_000, 20, 1_000);

        Assert.True(higher < 1e-4, $"6% against 2% failures over 1,000 tasks each (p = {higher})");
        Assert.InRange(same, 0.4, 0.7);
    }

    [Fact]
    public void Proportions_ImpossibleCounts_GiveNoEvidence() =>
        Assert.Equal((1.0, 1.0), RateTests.Proportions(5, 4, 1, 4));
}
