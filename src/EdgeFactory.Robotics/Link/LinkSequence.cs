namespace EdgeFactory.Robotics.Link;

/// <summary>Serial-number comparison of sequence numbers, so the 32-bit counter may wrap.</summary>
public static class LinkSequence
{
    /// <summary><see cref="LinkRejection.None"/> when <paramref name="sequence"/> is newer than <paramref name="last"/>, else duplicate or stale.</summary>
    public static LinkRejection Check(uint sequence, uint last)
    {
        var distance = unchecked((int)(sequence - last));
        return distance > 0 ? LinkRejection.None : distance == 0 ? LinkRejection.Duplicate : LinkRejection.Stale;
    }

    /// <summary>Datagrams missing between <paramref name="last"/> and a newer <paramref name="sequence"/>.</summary>
    public static uint Gap(uint sequence, uint last) => unchecked(sequence - last - 1);
}
