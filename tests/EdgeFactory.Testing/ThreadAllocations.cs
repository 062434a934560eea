namespace EdgeFactory.Testing;

/// <summary>What the calling thread allocated over a window of work, and how many gen-0 collections the process ran meanwhile.</summary>
/// <param name="Bytes">Bytes allocated on the calling thread.</param>
/// <param name="Collections">Gen-0 collections during the window, triggered by any thread.</param>
/// <param name="Attempts">Windows run until one ran without a collection (or the attempts ran out).</param>
public readonly record struct ThreadAllocations(long Bytes, int Collections, int Attempts)
{
    /// <summary>
    /// Runs <paramref name="window"/> until one run sees no garbage collection, up to <paramref name="attempts"/> times,
    /// and returns the last run's figures. A collection started by another thread (another test in the same process)
    /// retires this thread's allocation context, and <see cref="GC.GetAllocatedBytesForCurrentThread"/> then counts its
    /// unused rest as allocated: a window with a collection in it cannot show that the code measured allocates nothing.
    /// </summary>
    public static ThreadAllocations Measure(Action window, int attempts = 5)
    {
        ArgumentNullException.ThrowIfNull(window);
        for (var attempt = 1; ; attempt++)
        {
            var collections = GC.CollectionCount(0);
            var before = GC.GetAllocatedBytesForCurrentThread();
            window();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            collections = GC.CollectionCount(0) - collections;
            if (collections == 0 || attempt == attempts)
            {
                return new ThreadAllocations(bytes, collections, attempt);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Bytes} B allocated, {Collections} collections in the window, attempt {Attempts}";
}
