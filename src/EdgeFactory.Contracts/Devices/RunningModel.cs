namespace EdgeFactory.Contracts.Devices;

/// <summary>A model version a device is running, with the execution provider it ended up on.</summary>
/// <param name="Slot">Consumer slot.</param>
/// <param name="ModelId">Model id.</param>
/// <param name="Version">Model version.</param>
/// <param name="ExecutionProvider">Effective provider, e.g. <c>tensorrt</c>, <c>cuda</c>, <c>cpu</c>.</param>
public sealed record RunningModel(string Slot, string ModelId, string Version, string ExecutionProvider);
