using System.Diagnostics;
using System.Runtime;

namespace EdgeFactory.Bench;

/// <summary>
/// Waits until this process's JIT has compiled nothing for a while before a measured phase starts. Each round starts new
/// instances (clients, publishers) whose start-up code is called a few times per round; after a few rounds it reaches
/// the later tiers and is compiled again in the background, on a core the measured phase needs. A long-running process
/// pays that once; a bench that measures steady throughput must not pay it inside its window.
/// </summary>
internal static class JitSettling
{
    public static async Task WaitAsync(CancellationToken cancellationToken)
    {
        var quiet = TimeSpan.FromMilliseconds(300);
        var limit = TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        var (count, since) = (JitInfo.GetCompiledMethodCount(), TimeSpan.Zero);
        while (clock.Elapsed < limit && clock.Elapsed - since < quiet)
        {
            await Task.Delay(50, cancellationToken);
            if (JitInfo.GetCompiledMethodCount() is var now && now != count)
            {
                (count, since) = (now, clock.Elapsed);
            }
        }
    }
}
