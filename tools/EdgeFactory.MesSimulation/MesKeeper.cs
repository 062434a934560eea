namespace EdgeFactory.MesSimulation;

/// <summary>
/// Submits closed-loop: keeps a fixed number of tasks open and submits the next whenever one ends, so robots never
/// wait for work and never build a queue that outlives the run. What a line does when an MES releases work as
/// stations free up; tasks per hour then measures the robots, not the submission rate.
/// </summary>
public static class MesKeeper
{
    private static readonly TimeSpan Look = TimeSpan.FromMilliseconds(20);

    /// <summary>Keeps <paramref name="open"/> tasks open until <paramref name="cancellationToken"/> fires; returns how many it submitted.</summary>
    public static async Task<int> RunAsync(MesSimulator mes, TaskGenerator generator, int open, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mes);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(open, 1);
        var submitted = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                while (mes.Open < open)
                {
                    await mes.SubmitAsync(generator.Next(), cancellationToken).ConfigureAwait(false);
                    submitted++;
                }

                await Task.Delay(Look, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return submitted;
    }
}
