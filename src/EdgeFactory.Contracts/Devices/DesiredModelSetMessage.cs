namespace EdgeFactory.Contracts.Devices;

/// <summary>The model set the factory wants a device to run, retained on <c>ef/v1/{site}/edges/{deviceId}/desired</c>.</summary>
/// <param name="DeviceId">Target device.</param>
/// <param name="Revision">Monotonic revision; a device ignores one not newer than what it applied.</param>
/// <param name="Models">One assignment per slot.</param>
/// <param name="Signature">Factory signature over the document without this field.</param>
public sealed record DesiredModelSetMessage(
    string DeviceId,
    long Revision,
    IReadOnlyList<ModelAssignment> Models,
    DetachedSignature Signature);
