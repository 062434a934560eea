using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Execution;
using EdgeFactory.Runtime.Hosting;
using EdgeFactory.Runtime.Journal;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Tests.Intake;

/// <summary>An edge runtime for one site, hosted in the test process against a real broker, with an MES probe beside it.</summary>
internal sealed class SiteHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private SiteHarness(IHost host, MesProbe mes, string dataDirectory)
    {
        _host = host;
        Mes = mes;
        DataDirectory = dataDirectory;
    }

    public MesProbe Mes { get; }

    public string SiteId => _host.Services.GetRequiredService<SiteDefinition>().SiteId;

    public string DataDirectory { get; }

    public SiteCounters Counters => _host.Services.GetRequiredService<SiteCounters>();

    public TaskJournal Journal => _host.Services.GetRequiredService<TaskJournal>();

    public RobotFleet Fleet => _host.Services.GetRequiredService<RobotFleet>();

    public MqttClient Client => _host.Services.GetRequiredService<MqttClient>();

    public string ClientId => _host.Services.GetRequiredService<EdgeRuntimeOptions>().ClientId;

    public bool SessionConflicted => _host.Services.GetRequiredService<EdgeFactory.Runtime.Presence.SessionConflictWatch>().IsConflicted;

    /// <summary>A service of the edge's host.</summary>
    public T Service<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public long IntakeRestarts => _host.Services.GetRequiredService<EdgeFactory.Runtime.Intake.IntakeSupervisor>().Restarts;

    /// <summary>Starts a site whose robots are given as YAML list items (kinds from robots/kinds).</summary>
    public static async Task<SiteHarness> StartAsync(BrokerFixture broker, string robotsYaml, string extraYaml = "", string? dataDirectory = null, string? siteId = null, EdgeFactory.Runtime.Telemetry.TelemetryOptions? telemetry = null)
    {
        var folder = dataDirectory ?? Directory.CreateTempSubdirectory("ef-site-").FullName;
        siteId ??= $"s{Guid.NewGuid():N}"[..12];
        var yaml = $"site: {siteId}\ndevice: d1\nkinds: {RepositoryPaths.Of("robots", "kinds")}\nrobots:\n{robotsYaml}\n{extraYaml}";
        var site = SiteFile.Parse(yaml, Path.Combine(folder, "site.yaml"));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddEdgeRuntime(new EdgeRuntimeOptions { Site = site, Broker = broker.ClientOptions(), DataDirectory = folder });
        if (telemetry is not null)
        {
            EdgeFactory.Runtime.Telemetry.TelemetryServiceCollectionExtensions.AddEdgeTelemetry(builder.Services, telemetry);
        }

        var host = builder.Build();
        var mes = await MesProbe.ConnectAsync(broker.ClientOptions(), siteId);
        await host.StartAsync();
        return new SiteHarness(host, mes, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Mes.DisposeAsync();
    }
}
