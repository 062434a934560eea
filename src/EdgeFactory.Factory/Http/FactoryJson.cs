using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Http;

/// <summary>Source-generated JSON of the factory's HTTP API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PackageUpload))]
[JsonSerializable(typeof(AssignmentRequest))]
[JsonSerializable(typeof(RevocationRequest))]
[JsonSerializable(typeof(RegistryOutcome))]
[JsonSerializable(typeof(GroupDevicesRequest))]
[JsonSerializable(typeof(GroupSummary))]
[JsonSerializable(typeof(IReadOnlyList<PackageSummary>))]
[JsonSerializable(typeof(IReadOnlyList<DecisionRecord>))]
[JsonSerializable(typeof(DecisionRecord))]
[JsonSerializable(typeof(Fleet.FleetSnapshot))]
[JsonSerializable(typeof(Rollout.Waves.RolloutStatus))]
[JsonSerializable(typeof(Dashboard.FleetThroughput))]
[JsonSerializable(typeof(RolloutStartRequest))]
[JsonSerializable(typeof(RolloutAbortRequest))]
[JsonSerializable(typeof(IReadOnlyList<Rollout.Waves.RolloutStatus>))]
[JsonSerializable(typeof(IReadOnlyList<EdgeFactory.Contracts.Devices.ModelRevocation>))]
public sealed partial class FactoryJson : JsonSerializerContext;
