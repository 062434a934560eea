namespace EdgeFactory.Factory.Storage;

/// <summary>Sequences of a device's windows the factory has not received, below the highest one it has.</summary>
/// <param name="From">First missing sequence.</param>
/// <param name="To">Last missing sequence.</param>
public sealed record SequenceGap(long From, long To)
{
    /// <summary>Windows missing.</summary>
    public long Count => To - From + 1;
}
