namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>A model version the device would not run, and why.</summary>
/// <param name="Slot">Model slot it was meant for (empty for a refused document).</param>
/// <param name="ModelId">Model id.</param>
/// <param name="Version">Model version.</param>
/// <param name="Code">Stable code: a passport code (<see cref="Models.Packages.PassportErrorCodes"/>) or a <see cref="DeliveryRefusals"/> code.</param>
/// <param name="Detail">What happened, for people.</param>
public sealed record DeliveryRefusal(string Slot, string ModelId, string Version, string Code, string? Detail)
{
    /// <summary>The form carried in the reported state's <c>problems</c>: <c>slot: model version code</c>.</summary>
    public override string ToString() => Slot.Length == 0 ? $"{ModelId} refused: {Code}" : $"{Slot}: {ModelId} {Version} {Code}";
}
