using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Runtime.ModelDelivery;

namespace EdgeFactory.Cli.Commands.Edge;

/// <summary>JSON forms of the edge commands' reports.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(EdgeModelsReport))]
internal sealed partial class EdgeJson : JsonSerializerContext;

/// <summary>Output of <c>edge models --json</c>.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Device">Device id.</param>
/// <param name="Folder">The packages folder read.</param>
/// <param name="Running">What each slot ran at the last status (null <paramref name="StatusAt"/>: none written yet).</param>
/// <param name="Installed">Installed packages, each verified again now (<c>verdict</c> null: may run).</param>
/// <param name="Refused">Versions refused, with their codes.</param>
/// <param name="AppliedRevision">Last desired revision applied in full.</param>
/// <param name="StatusAt">When the status was written.</param>
internal sealed record EdgeModelsReport(
    string Site,
    string Device,
    string Folder,
    IReadOnlyList<RunningModel> Running,
    IReadOnlyList<InstalledPackage> Installed,
    IReadOnlyList<DeliveryRefusal> Refused,
    long AppliedRevision,
    DateTimeOffset? StatusAt);
