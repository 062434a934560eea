using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Telemetry;

namespace EdgeFactory.Contracts.Json;

/// <summary>Source-generated JSON for every contract message: camelCase, nulls omitted, no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(TaskSubmitMessage))]
[JsonSerializable(typeof(TaskCancelMessage))]
[JsonSerializable(typeof(TaskStatusMessage))]
[JsonSerializable(typeof(RobotStateMessage))]
[JsonSerializable(typeof(DeviceOnlineMessage))]
[JsonSerializable(typeof(DesiredModelSetMessage))]
[JsonSerializable(typeof(ReportedStateMessage))]
[JsonSerializable(typeof(RevocationListMessage))]
[JsonSerializable(typeof(TelemetryWindowMessage))]
[JsonSerializable(typeof(ModelPassport))]
[JsonSerializable(typeof(DetachedSignature))]
[JsonSerializable(typeof(PassportEvaluation))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
