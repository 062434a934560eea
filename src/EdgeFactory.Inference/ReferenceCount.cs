namespace EdgeFactory.Inference;

/// <summary>
/// A holder count that starts at one (the owner) and can only be raised while above zero, so an object released by
/// its last holder is never revived by a late one. Sessions and slot versions share it.
/// </summary>
internal static class ReferenceCount
{
    /// <summary>Adds a holder unless the count already reached zero.</summary>
    public static bool TryAdd(ref int count)
    {
        var current = Volatile.Read(ref count);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref count, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Drops a holder; true for the last one, who releases the object.</summary>
    public static bool Release(ref int count) => Interlocked.Decrement(ref count) == 0;
}
