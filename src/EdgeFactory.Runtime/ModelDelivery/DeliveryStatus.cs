using EdgeFactory.Contracts.Devices;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>What the device last reported, kept on disk (<c>status.json</c>) so that it can be read without the broker.</summary>
/// <param name="DeviceId">Device id.</param>
/// <param name="AppliedRevision">Last desired revision applied in full.</param>
/// <param name="Running">What each slot runs.</param>
/// <param name="Refused">Versions refused since the last desired state, with their codes.</param>
/// <param name="At">When it was written.</param>
public sealed record DeliveryStatus(string DeviceId, long AppliedRevision, IReadOnlyList<RunningModel> Running, IReadOnlyList<DeliveryRefusal> Refused, DateTimeOffset At);
