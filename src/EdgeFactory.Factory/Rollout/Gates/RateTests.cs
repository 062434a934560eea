namespace EdgeFactory.Factory.Rollout.Gates;

/// <summary>
/// Exact one-sided tests for "is the wave's rate different from the baseline's": conditional binomial tests for
/// counts over an exposure (tasks per hour, clamps per task) and Fisher's exact test for proportions (failures per
/// task). Exact rather than normal approximations because canary waves are small, and computed in log space because
/// a day's baseline holds tens of thousands of tasks.
/// </summary>
public static class RateTests
{
    // Terms this far below the running sum (e^-40 ≈ 4e-18) no longer change a p-value.
    private const double Negligible = 40;

    /// <summary>
    /// For counts <paramref name="wave"/> over <paramref name="waveExposure"/> and <paramref name="baseline"/> over
    /// <paramref name="baselineExposure"/>: the p-values of "the wave's rate is higher" and "lower". Given the total,
    /// the wave's count is binomial with the wave's share of the exposure when the rates are equal.
    /// </summary>
    public static (double Higher, double Lower) PoissonRates(long wave, double waveExposure, long baseline, double baselineExposure)
    {
        if (wave < 0 || baseline < 0 || waveExposure <= 0 || baselineExposure <= 0)
        {
            return (1, 1);
        }

        var n = wave + baseline;
        if (n == 0)
        {
            return (1, 1);
        }

        var p = waveExposure / (waveExposure + baselineExposure);
        return (Clamp(BinomialUpper(n, wave, p)), Clamp(BinomialLower(n, wave, p)));
    }

    /// <summary>
    /// Fisher's exact test on <paramref name="waveEvents"/> of <paramref name="waveTrials"/> against
    /// <paramref name="baselineEvents"/> of <paramref name="baselineTrials"/>: the p-values of "the wave's proportion
    /// is higher" and "lower".
    /// </summary>
    public static (double Higher, double Lower) Proportions(long waveEvents, long waveTrials, long baselineEvents, long baselineTrials)
    {
        if (waveTrials <= 0 || baselineTrials <= 0 || waveEvents < 0 || baselineEvents < 0 || waveEvents > waveTrials || baselineEvents > baselineTrials)
        {
            return (1, 1);
        }

        // Hypergeometric: of all trials, the events fall on the wave's trials at random when the proportions are equal.
        var total = waveTrials + baselineTrials;
        var events = waveEvents + baselineEvents;
        var lowest = Math.Max(0, waveTrials - (total - events));
        var highest = Math.Min(events, waveTrials);
        var at = LogHypergeometric(total, events, waveTrials, waveEvents);
        var upper = at;
        var term = at;
        for (var k = waveEvents; k < highest; k++)
        {
            term += Math.Log((double)(events - k) * (waveTrials - k) / ((double)(k + 1) * (total - events - waveTrials + k + 1)));
            upper = LogAdd(upper, term);
            if (term < upper - Negligible)
            {
                break;
            }
        }

        var lower = at;
        term = at;
        for (var k = waveEvents; k > lowest; k--)
        {
            term += Math.Log((double)k * (total - events - waveTrials + k) / ((double)(events - k + 1) * (waveTrials - k + 1)));
            lower = LogAdd(lower, term);
            if (term < lower - Negligible)
            {
                break;
            }
        }

        return (Clamp(Math.Exp(upper)), Clamp(Math.Exp(lower)));
    }

    private static double BinomialUpper(long n, long x, double p)
    {
        var term = LogBinomial(n, x, p);
        var sum = term;
        var odds = Math.Log(p / (1 - p));
        for (var k = x; k < n; k++)
        {
            term += Math.Log((double)(n - k) / (k + 1)) + odds;
            sum = LogAdd(sum, term);
            if (k > n * p && term < sum - Negligible)
            {
                break;
            }
        }

        return Math.Exp(sum);
    }

    private static double BinomialLower(long n, long x, double p)
    {
        var term = LogBinomial(n, x, p);
        var sum = term;
        var odds = Math.Log((1 - p) / p);
        for (var k = x; k > 0; k--)
        {
            term += Math.Log((double)k / (n - k + 1)) + odds;
            sum = LogAdd(sum, term);
            if (k < n * p && term < sum - Negligible)
            {
                break;
            }
        }

        return Math.Exp(sum);
    }

    private static double LogBinomial(long n, long k, double p) => LogChoose(n, k) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p));

    private static double LogHypergeometric(long total, long events, long draws, long hits) =>
        LogChoose(events, hits) + LogChoose(total - events, draws - hits) - LogChoose(total, draws);

    private static double LogChoose(long n, long k)
    {
        k = Math.Min(k, n - k);
        var sum = 0.0;
        for (long i = 1; i <= k; i++)
        {
            sum += Math.Log((double)(n - k + i) / i);
        }

        return sum;
    }

    private static double LogAdd(double a, double b) => a > b ? a + Math.Log(1 + Math.Exp(b - a)) : b + Math.Log(1 + Math.Exp(a - b));

    private static double Clamp(double p) => Math.Clamp(p, 0, 1);
}
