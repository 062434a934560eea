using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using Akka.Hosting;
using EdgeFactory.Runtime.Execution;
using EdgeFactory.Runtime.Intake;
using EdgeFactory.Runtime.Journal;
using EdgeFactory.Runtime.Presence;
using EdgeFactory.Runtime.Skills;
using EdgeFactory.Runtime.Skills.Link;
using EdgeFactory.Runtime.Skills.Vision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Runtime.Hosting;

/// <summary>Registers the edge runtime's services.</summary>
public static class EdgeRuntimeServiceCollectionExtensions
{
    /// <summary>Adds the runtime for one site: its MQTT link (with the device's will), presence, journal, robot agents and task intake.</summary>
    public static IServiceCollection AddEdgeRuntime(this IServiceCollection services, EdgeRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var site = options.Site;
        services.AddSingleton(options);
        services.AddSingleton(site);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
        // One edge per data directory: taken before the MQTT client exists, so a second edge never touches the broker.
        services.TryAddSingleton(provider => DataDirectoryLock.Acquire(options.DataDirectory, site.SiteId, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider =>
        {
            _ = provider.GetRequiredService<DataDirectoryLock>();
            var offline = new DeviceOnlineMessage(site.DeviceId, DevicePresence.Offline, options.SoftwareVersion);
            var will = new MqttWill(
                Topics.EdgeOnline(site.SiteId, site.DeviceId),
                JsonSerializer.SerializeToUtf8Bytes(offline, ContractsJsonContext.Default.DeviceOnlineMessage));
            // A stable id and a session that outlives the connection: the broker queues MES submissions while the edge restarts.
            var clientOptions = options.Broker with
            {
                ClientId = options.ClientId,
                Will = will,
                CleanStart = false,
                SessionExpiry = options.BrokerSessionExpiry,
            };
            return new MqttClient(clientOptions, provider.GetService<ILogger<MqttClient>>());
        });
        // The status chain (docs/runtime.md): the journal's writer commits and hands committed statuses to the outbox
        // queue; the outbox publishes them and tells the journal how far the broker acknowledged them.
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton(provider =>
        {
            _ = provider.GetRequiredService<DataDirectoryLock>();
            return TaskJournal.Open(options.JournalPath, provider.GetRequiredService<ILogger<TaskJournal>>(), site.Settings.JournalSyncFull, provider.GetRequiredService<OutboxQueue>());
        });
        services.AddSingleton<TaskBoard>();
        services.AddSingleton<SiteCounters>();
        services.AddSingleton<DeadLetterCount>();
        services.AddSingleton<StatusOutbox>();
        services.AddSingleton<TaskReporter>();
        services.AddSingleton<RobotStatePublisher>();
        // The site's e-stop and stack light; robots on the robot link get their controllers, loops and motion skills.
        services.TryAddSingleton(provider => new SiteEmergencyStop(site.Settings.Io, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILoggerFactory>(), options.SimulatedEmergencyStopFile));
        // Robots with a camera read it in their vision.* skills, on top of whichever catalog serves the rest.
        if (site.Settings.Vision is not null)
        {
            services.AddSingleton(provider => new SiteVision(site, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILoggerFactory>()));
        }

        if (site.Robots.Any(r => r.OnLink))
        {
            services.AddSingleton(provider => new LinkedSite(site, provider.GetRequiredService<SiteEmergencyStop>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILoggerFactory>()));
            services.TryAddSingleton<ISkillCatalog>(provider => VisionSkillCatalog.Over(
                new LinkSkillCatalog(
                    provider.GetRequiredService<LinkedSite>(),
                    new SimulatedSkillCatalog(site.Robots.ToDictionary(r => r.RobotId, r => r.Simulation, StringComparer.Ordinal), provider.GetRequiredService<TimeProvider>())),
                provider.GetService<SiteVision>()));
        }

        services.TryAddSingleton<ISkillCatalog>(provider => VisionSkillCatalog.Over(
            new SimulatedSkillCatalog(site.Robots.ToDictionary(r => r.RobotId, r => r.Simulation, StringComparer.Ordinal), provider.GetRequiredService<TimeProvider>()),
            provider.GetService<SiteVision>()));
        services.AddSingleton<RobotFleet>();
        services.AddSingleton<TaskRecovery>();
        services.AddSingleton<ReplyTopicPolicy>();
        services.AddSingleton<TaskIntake>();
        services.AddSingleton<PresencePublisher>();
        services.AddSingleton<SessionConflictWatch>();
        services.AddSingleton(provider => new IntakeSupervisor(
            provider.GetRequiredService<TaskIntake>().RunAsync,
            provider.GetRequiredService<PresencePublisher>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<IntakeSupervisor>>()));
        services.AddHostedService(provider => provider.GetRequiredService<PresencePublisher>());
        services.AddHostedService(provider => new EmergencyStopPresence(provider.GetRequiredService<SiteEmergencyStop>(), provider.GetRequiredService<PresencePublisher>()));
        if (site.Robots.Any(r => r.OnLink))
        {
            // Controllers connect before the site takes or resumes tasks, and disconnect after its robots stopped.
            services.AddHostedService(provider => provider.GetRequiredService<LinkedSite>());
        }

        if (site.Settings.Vision is not null)
        {
            // The OCR models load before the site takes or resumes tasks.
            services.AddHostedService(provider => provider.GetRequiredService<SiteVision>());
        }

        // Started after the presence and before the site, so it stops after the site's robots and before the device goes offline.
        services.AddAkka("edgefactory", (akka, _) => akka
            .AddHocon(
                """
                akka.loglevel = WARNING
                akka.stdout-loglevel = OFF
                akka.log-dead-letters = off
                akka.log-dead-letters-during-shutdown = off
                akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
                akka.coordinated-shutdown.phases.service-unbind.timeout = 15s
                akka.coordinated-shutdown.phases.service-requests-done.timeout = 20s
                akka.coordinated-shutdown.phases.service-stop.timeout = 20s
                akka.coordinated-shutdown.phases.before-actor-system-terminate.timeout = 15s
                """,
                HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            }));
        services.AddHostedService<SiteRuntime>();
        return services;
    }
}
