using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Presence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Hosting;

/// <summary>Registers the edge runtime's services.</summary>
public static class EdgeRuntimeServiceCollectionExtensions
{
    /// <summary>Adds the runtime for one site: its MQTT link (with the device's will) and presence.</summary>
    public static IServiceCollection AddEdgeRuntime(this IServiceCollection services, EdgeRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var site = options.Site;
            var offline = new DeviceOnlineMessage(site.DeviceId, DevicePresence.Offline, options.SoftwareVersion);
            var will = new MqttWill(
                Topics.EdgeOnline(site.SiteId, site.DeviceId),
                JsonSerializer.SerializeToUtf8Bytes(offline, ContractsJsonContext.Default.DeviceOnlineMessage));
            var clientOptions = options.Broker with
            {
                ClientId = options.Broker.ClientId.Length > 0 ? options.Broker.ClientId : $"edge-{site.SiteId}-{site.DeviceId}",
                Will = will,
            };
            return new MqttClient(clientOptions, provider.GetService<ILogger<MqttClient>>());
        });
        services.AddHostedService<PresencePublisher>();
        return services;
    }
}
