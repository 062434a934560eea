namespace EdgeFactory.Contracts.Models;

/// <summary>A prebuilt TensorRT EP-context engine for one device type.</summary>
/// <param name="DeviceType">Device type it was built for, e.g. <c>jetson-orin-nano</c>.</param>
/// <param name="Path">Its file in the package; one of the passport's files.</param>
public sealed record PassportEngine(string DeviceType, string Path);
