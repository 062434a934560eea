namespace EdgeFactory.Robotics.Control;

/// <summary>
/// Hands chunks from one producer to the control loop without locks or allocation: three chunks, one owned by the
/// producer (being filled), one by the loop (being executed), one in the middle, swapped with <see cref="Interlocked.Exchange{T}(ref T, T)"/>.
/// </summary>
public sealed class ActionChunkBuffer
{
    private ActionChunk _back;
    private ActionChunk _middle;
    private ActionChunk _front;

    /// <summary>Allocates the three chunks.</summary>
    public ActionChunkBuffer(int horizon, int joints)
    {
        _back = new ActionChunk(horizon, joints);
        _middle = new ActionChunk(horizon, joints);
        _front = new ActionChunk(horizon, joints);
    }

    /// <summary>The chunk the producer fills next; only the producer touches it until <see cref="Publish"/>.</summary>
    public ActionChunk Back => _back;

    /// <summary>Joints per step.</summary>
    public int Joints => _back.Joints;

    /// <summary>Chunks published.</summary>
    public long Published { get; private set; }

    /// <summary>Offers the filled <see cref="Back"/> to the loop; a chunk the loop has not taken yet is replaced (the newest wins).</summary>
    public void Publish()
    {
        _back.Fresh = true;
        _back = Interlocked.Exchange(ref _middle, _back);
        Published++;
    }

    /// <summary>The loop's side: takes the newest published chunk, if one came since the last take.</summary>
    public bool TryTake(out ActionChunk chunk)
    {
        if (!Volatile.Read(ref _middle).Fresh)
        {
            chunk = _front;
            return false;
        }

        _front = Interlocked.Exchange(ref _middle, _front);
        _front.Fresh = false;
        chunk = _front;
        return true;
    }
}
