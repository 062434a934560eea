namespace EdgeFactory.Contracts.Devices;

/// <summary>Presence of an edge device, retained on <c>ef/v1/{site}/edges/{deviceId}/online</c>.</summary>
/// <param name="DeviceId">Edge device id.</param>
/// <param name="Presence">Online, degraded or offline.</param>
/// <param name="SoftwareVersion">EdgeFactory version running on the device.</param>
/// <param name="Since">When this presence began; absent in the will, which the broker sends later.</param>
/// <param name="Reason">Why the device is degraded, for people; absent otherwise.</param>
public sealed record DeviceOnlineMessage(
    string DeviceId,
    DevicePresence Presence,
    string SoftwareVersion,
    DateTimeOffset? Since = null,
    string? Reason = null);
