namespace EdgeFactory.Factory.Http;

/// <summary>Body of <c>POST /v1/groups/{site}/{group}/devices</c>: devices to add to the group.</summary>
/// <param name="Devices">Device ids.</param>
public sealed record GroupDevicesRequest(IReadOnlyList<string> Devices);
