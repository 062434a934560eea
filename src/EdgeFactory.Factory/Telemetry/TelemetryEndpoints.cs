using EdgeFactory.Factory.Leases;
using EdgeFactory.Factory.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeFactory.Factory.Telemetry;

/// <summary>The telemetry part of the factory's HTTP API: devices with their gaps, and this instance's ingest and lease.</summary>
public static class TelemetryEndpoints
{
    /// <summary>Maps <c>GET /v1/telemetry/devices</c> and <c>GET /v1/telemetry/ingest</c>.</summary>
    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder endpoints, ITelemetryStore store, TelemetryIngest ingest, LeaseKeeper lease, string instance)
    {
        var v1 = endpoints.MapGroup("/v1/telemetry");
        v1.MapGet("/devices", async (CancellationToken cancellationToken) =>
        {
            var reports = new List<TelemetryDeviceReport>();
            foreach (var device in await store.ListDevicesAsync(cancellationToken).ConfigureAwait(false))
            {
                var gaps = device.Missing == 0 ? [] : await store.ListGapsAsync(device.Site, device.Device, cancellationToken).ConfigureAwait(false);
                reports.Add(new TelemetryDeviceReport(device.Site, device.Device, device.HighestSequence, device.Windows, device.Missing, device.LastWindowEnd, gaps));
            }

            return Results.Json<IReadOnlyList<TelemetryDeviceReport>>(reports, TelemetryJson.Default.IReadOnlyListTelemetryDeviceReport);
        });
        v1.MapGet("/ingest", () => Results.Json(
            new TelemetryIngestReport(instance, ingest.Counters.Stored, ingest.Counters.Refused.ToDictionary(), lease.IsHeld, lease.Term),
            TelemetryJson.Default.TelemetryIngestReport));
        return endpoints;
    }
}
