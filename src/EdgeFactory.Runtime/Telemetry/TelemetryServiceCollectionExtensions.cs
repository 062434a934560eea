using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Hosting;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Skills.Link;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Telemetry;

/// <summary>Registers the edge's telemetry windows on top of <see cref="EdgeRuntimeServiceCollectionExtensions.AddEdgeRuntime"/>.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>File of the telemetry store under the edge's data directory.</summary>
    public const string StoreFileName = "telemetry.db";

    /// <summary>
    /// Adds the window aggregator (fed by the runtime's status maker), its store under the data directory and the agent
    /// that publishes on <c>ef/v1/{site}/edges/{device}/telemetry</c>. Call after <c>AddEdgeRuntime</c>: the agent
    /// then starts after the site and stops before it.
    /// </summary>
    public static IServiceCollection AddEdgeTelemetry(this IServiceCollection services, TelemetryOptions? options = null)
    {
        var telemetry = (options ?? new TelemetryOptions()).Validate();
        services.AddSingleton(telemetry);
        services.AddSingleton(provider =>
        {
            var site = provider.GetRequiredService<SiteDefinition>();
            var linked = provider.GetService<LinkedSite>();
            ITelemetryProbe probe = linked is null ? NoTelemetryProbe.Instance : new LinkedSiteProbe(site, linked);
            var aggregator = new TelemetryAggregator(site.Robots.Select(r => r.RobotId), probe, provider.GetRequiredService<TimeProvider>(), telemetry.SamplesPerWindow);
            provider.GetService<SiteEmergencyStop>()?.Changed += (_, latched) =>
            {
                if (latched)
                {
                    aggregator.EmergencyStopLatched();
                }
            };
            return aggregator;
        });
        services.AddSingleton(provider =>
        {
            var runtime = provider.GetRequiredService<EdgeRuntimeOptions>();
            return new TelemetryAgent(
                telemetry,
                Path.Combine(runtime.DataDirectory, StoreFileName),
                runtime.Site.SiteId,
                runtime.Site.DeviceId,
                provider.GetRequiredService<TelemetryAggregator>(),
                provider.GetRequiredService<MqttClient>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<TelemetryAgent>>());
        });
        services.AddHostedService(provider => provider.GetRequiredService<TelemetryAgent>());
        return services;
    }
}
