using Microsoft.Extensions.Logging;

namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>
/// Runs the rollout controller's judgement every interval while this factory instance holds the controller's lease,
/// so that among several instances exactly one judges waves, and another carries on when it dies.
/// </summary>
public sealed partial class RolloutLoop(RolloutController controller, Func<bool> holdsLease, TimeSpan interval, TimeProvider time, ILogger<RolloutLoop> log)
{
    /// <summary>Judges due waves until cancelled; a failed round is logged and the next one tries again.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
                if (holdsLease())
                {
                    await controller.TickAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException or HttpRequestException or InvalidOperationException or InvalidDataException)
            {
                RoundFailed(e);
            }
        }
    }

    [LoggerMessage(EventId = 8400, Level = LogLevel.Error, Message = "A rollout round failed; the next round tries again")]
    private partial void RoundFailed(Exception exception);
}
