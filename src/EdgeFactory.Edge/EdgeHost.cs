using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.Runtime.Hosting;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace EdgeFactory.Edge;

/// <summary>Composes an edge process: logging, the optional embedded broker, and the runtime for one site.</summary>
public sealed class EdgeHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly MosquittoBroker? _broker;
    private readonly DataDirectoryLock _dataLock;

    private EdgeHost(IHost host, MosquittoBroker? broker, DataDirectoryLock dataLock, SiteDefinition site, string brokerUrl)
    {
        _host = host;
        _broker = broker;
        _dataLock = dataLock;
        Site = site;
        BrokerUrl = brokerUrl;
    }

    /// <summary>The site being run.</summary>
    public SiteDefinition Site { get; }

    /// <summary>The broker the runtime is connected to.</summary>
    public string BrokerUrl { get; }

    /// <summary>
    /// Validates settings, locks the data directory (throws <see cref="DataDirectoryInUseException"/> when another edge
    /// holds it), starts the embedded broker if asked, and builds the host (not yet started).
    /// </summary>
    public static async Task<EdgeHost> CreateAsync(EdgeHostSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.DataDirectory is { } data && File.Exists(data))
        {
            throw new ArgumentException($"--data '{data}' is a file; give a folder for the journal (it is created if missing).");
        }

        var site = SiteFile.Load(settings.SiteFile);
        if (settings.EmbeddedBroker == (settings.BrokerUrl is not null))
        {
            throw new ArgumentException("Give exactly one of a broker address (--broker mqtt://HOST:PORT) or --embedded-broker.");
        }

        // Before anything touches MQTT or the journal: a second edge on the same directory stops here.
        var dataDirectory = settings.DataDirectory ?? DefaultDataDirectory(site.SiteId);
        var dataLock = DataDirectoryLock.Acquire(dataDirectory, site.SiteId, TimeProvider.System);
        try
        {
            return await StartBrokerAndBuildAsync(settings, site, dataDirectory, dataLock, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            dataLock.Dispose();
            throw;
        }
    }

    private static async Task<EdgeHost> StartBrokerAndBuildAsync(EdgeHostSettings settings, SiteDefinition site, string dataDirectory, DataDirectoryLock dataLock, CancellationToken cancellationToken)
    {
        MosquittoBroker? broker = null;
        MqttBrokerAddress address;
        if (settings.EmbeddedBroker)
        {
            var brokerData = settings.DataDirectory is null ? null : Path.Combine(settings.DataDirectory, "broker");
            broker = await MosquittoBroker.StartAsync(new BrokerOptions { DataDirectory = brokerData }, null, cancellationToken).ConfigureAwait(false);
            address = MqttBrokerAddress.Parse(broker.Url);
        }
        else
        {
            address = MqttBrokerAddress.Parse(settings.BrokerUrl!);
        }

        try
        {
            return Build(settings, site, dataDirectory, dataLock, broker, address, await BrokerLink.OptionsAsync(address.ToString(), settings.Username, settings.PasswordFile, settings.CaFile, cancellationToken).ConfigureAwait(false));
        }
        catch when (broker is not null)
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static EdgeHost Build(EdgeHostSettings settings, SiteDefinition site, string dataDirectory, DataDirectoryLock dataLock, MosquittoBroker? broker, MqttBrokerAddress address, MqttClientOptions mqtt)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        ConfigureLogging(builder.Logging, settings.LogLevel, settings.ColouredLogs);
        builder.Services.AddSingleton(dataLock);
        builder.Services.AddEdgeRuntime(new EdgeRuntimeOptions
        {
            Site = site,
            Broker = mqtt,
            DataDirectory = dataDirectory,
            SimulatedEmergencyStopFile = settings.SimulatedEmergencyStopFile,
        });
        builder.Services.AddEdgeTelemetry(new TelemetryOptions { Window = site.Settings.TelemetryWindow });
        return new EdgeHost(builder.Build(), broker, dataLock, site, address.ToString());
    }

    /// <summary>Starts the runtime; returns once the site is online.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => _host.StartAsync(cancellationToken);

    /// <summary>Waits until the process is asked to stop (SIGTERM, Ctrl-C).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _host.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the runtime cleanly: robots and device go offline, then the broker (if embedded) stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _host.Dispose();
        if (_broker is not null)
        {
            await _broker.DisposeAsync().ConfigureAwait(false);
        }

        _dataLock.Dispose();
    }

    /// <summary>The data folder of a site's edge when none is given; durable, since the journal must outlive the process.</summary>
    public static string DefaultDataDirectory(string siteId) =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "edgefactory", siteId);

    private static void ConfigureLogging(ILoggingBuilder logging, LogLevel level, bool coloured)
    {
        logging.SetMinimumLevel(level);
        // Standard output carries machine-read lines ("ready ..."); logs go to standard error.
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.ColorBehavior = coloured ? Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Enabled : Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Disabled;
        });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
