namespace EdgeFactory.Testing;

/// <summary>Waits for a condition that another process or thread makes true; fails with a description, never asserts a duration.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until true; throws after a generous limit meant only to stop a hung test.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Reads messages until one matches; throws when none does within the limit.</summary>
    public static async Task<T> ReadUntilAsync<T>(System.Threading.Channels.ChannelReader<T> reader, Func<T, bool> match, string what, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(30));
        try
        {
            await foreach (var item in reader.ReadAllAsync(timeout.Token))
            {
                if (match(item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Fall through to the failure below.
        }

        throw new TimeoutException($"Gave up waiting for: {what}");
    }
}
