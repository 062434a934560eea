using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Mqtt.Broker;

/// <summary>
/// A real Mosquitto broker on a loopback port, run as a child process for tests, the demo and
/// <c>edgefactory edge run --embedded-broker</c>. It can be stopped, killed and restarted on the
/// same port and data directory, so tests can play broker outages.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly BrokerOptions _options;
    private readonly ILogger _logger;
    private readonly bool _ownsDirectory;
    private BrokerProcess? _process;

    private MosquittoBroker(BrokerOptions options, string directory, bool ownsDirectory, ILogger logger)
    {
        _options = options;
        DataDirectory = directory;
        _ownsDirectory = ownsDirectory;
        _logger = logger;
    }

    /// <summary>Always 127.0.0.1: the embedded broker never listens beyond loopback.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Folder of its config and database.</summary>
    public string DataDirectory { get; }

    /// <summary><c>mqtt://127.0.0.1:PORT</c> or <c>mqtts://…</c> with TLS.</summary>
    public string Url => $"{(_options.Tls is null ? "mqtt" : "mqtts")}://{Host}:{Port}";

    /// <summary>The last lines the broker logged.</summary>
    public IReadOnlyList<string> RecentLog => _process?.RecentLog ?? [];

    /// <summary>Whether the broker process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a broker and returns once it accepts TCP connections.</summary>
    public static async Task<MosquittoBroker> StartAsync(BrokerOptions options, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var owns = options.DataDirectory is null;
        var directory = options.DataDirectory ?? Directory.CreateTempSubdirectory("edgefactory-broker-").FullName;
        Directory.CreateDirectory(directory);
        var broker = new MosquittoBroker(options, directory, owns, logger ?? NullLogger.Instance) { Port = options.Port };
        try
        {
            await broker.RunAsync(cancellationToken).ConfigureAwait(false);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the broker gracefully (it saves retained messages and sessions when persistence is on).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is { } process)
        {
            await process.StopAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            process.Dispose();
            _process = null;
            BrokerLog.Stopped(_logger, Url);
        }
    }

    /// <summary>Kills the broker with SIGKILL, as a crash or power cut would.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (_process is { } process)
        {
            await process.KillAsync(cancellationToken).ConfigureAwait(false);
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Starts the broker again on the same port with the same data.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) =>
        _process is null ? RunAsync(cancellationToken) : throw new InvalidOperationException("The broker is still running; stop or kill it first.");

    /// <summary>Stops the broker and deletes a temporary data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _process?.Dispose();
            if (_ownsDirectory)
            {
                try
                {
                    Directory.Delete(DataDirectory, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover temp folder is harmless.
                }
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var executable = LocateExecutable(_options.Executable);
        var pickPort = _options.Port == 0 && Port == 0;
        for (var attempt = 1; ; attempt++)
        {
            if (pickPort)
            {
                Port = FreeLoopbackPort();
            }

            var config = BrokerConfigWriter.Write(_options, DataDirectory, Port);
            var process = BrokerProcess.Start(executable, config, _logger);
            if (await WaitUntilAcceptingAsync(process, cancellationToken).ConfigureAwait(false))
            {
                _process = process;
                BrokerLog.Started(_logger, Url, DataDirectory);
                return;
            }

            var log = process.LogTail();
            process.Dispose();
            if (pickPort && attempt < 5 && log.Contains("Address already in use", StringComparison.Ordinal))
            {
                BrokerLog.PortRace(_logger, Port);
                continue;
            }

            throw new BrokerException($"Mosquitto did not start on port {Port} within {_options.StartTimeout.TotalSeconds:0} s. Its log ends with:{Environment.NewLine}{log}");
        }
    }

    private async Task<bool> WaitUntilAcceptingAsync(BrokerProcess process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartTimeout);
        while (!process.HasExited)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port, timeout.Token).ConfigureAwait(false);
                return true;
            }
            catch (SocketException)
            {
                // Not listening yet: poll again shortly.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token).ConfigureAwait(false);
        }

        return false;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Path of the <c>mosquitto</c> executable: <paramref name="configured"/>, else PATH, else <c>/usr/sbin</c>; throws <see cref="BrokerException"/> with the fix.</summary>
    public static string LocateExecutable(string? configured = null)
    {
        if (configured is not null)
        {
            return File.Exists(configured) ? configured : throw new BrokerException($"Mosquitto executable '{configured}' does not exist.");
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, "mosquitto"))
            .FirstOrDefault(File.Exists);
        return path ?? throw new BrokerException("The mosquitto broker is not installed. Run `make deps` (or `apt-get install mosquitto`).");
    }
}
