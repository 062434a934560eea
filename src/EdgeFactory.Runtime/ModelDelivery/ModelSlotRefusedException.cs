namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>An <see cref="IModelSlotTarget"/> would not take a verified package; <see cref="Code"/> is a <see cref="DeliveryRefusals"/> code.</summary>
public sealed class ModelSlotRefusedException(string code, string message) : Exception(message)
{
    /// <summary>Stable code of the refusal.</summary>
    public string Code { get; } = code;
}
