using System.Runtime;

namespace EdgeFactory.Testing;

/// <summary>What the calling thread allocated over a window of work, and how many gen-0 collections the process ran meanwhile.</summary>
/// <param name="Bytes">Bytes allocated on the calling thread.</param>
/// <param name="Collections">Gen-0 collections during the window, triggered by any thread.</param>
/// <param name="Attempts">Windows run until one ran in steady state (or the attempts ran out).</param>
/// <param name="Compiled">Methods the JIT compiled during the window, on any thread.</param>
public readonly record struct ThreadAllocations(long Bytes, int Collections, int Attempts, long Compiled = 0)
{
    /// <summary>
    /// Runs <paramref name="window"/> until one run is in steady state, up to <paramref name="attempts"/> times, and
    /// returns the last run's figures. A run is not when a garbage collection happened in it (one started by another
    /// thread retires this thread's allocation context, and <see cref="GC.GetAllocatedBytesForCurrentThread"/> then counts
    /// its unused rest as allocated), nor when the JIT compiled anything meanwhile: a method moving to its optimised tier
    /// under load, late, may allocate once on the thread that called it, which says nothing about the code measured.
    /// </summary>
    public static ThreadAllocations Measure(Action window, int attempts = 8)
    {
        ArgumentNullException.ThrowIfNull(window);
        for (var attempt = 1; ; attempt++)
        {
            var collections = GC.CollectionCount(0);
            var compiled = JitInfo.GetCompiledMethodCount();
            var before = GC.GetAllocatedBytesForCurrentThread();
            window();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            collections = GC.CollectionCount(0) - collections;
            compiled = JitInfo.GetCompiledMethodCount() - compiled;
            if ((collections == 0 && compiled == 0) || attempt == attempts)
            {
                return new ThreadAllocations(bytes, collections, attempt, compiled);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Bytes} B allocated, {Collections} collections and {Compiled} methods compiled in the window, attempt {Attempts}";
}
