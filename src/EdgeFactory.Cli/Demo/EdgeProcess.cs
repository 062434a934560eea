using System.Diagnostics;
using EdgeFactory.Cli.Native;

namespace EdgeFactory.Cli.Demo;

/// <summary>An <c>edgefactory edge run</c> child process, started the way a systemd unit would start it.</summary>
internal sealed class EdgeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly StreamWriter? _logFile;

    private EdgeProcess(Process process, StreamWriter? logFile) => (_process, _logFile) = (process, logFile);

    public int Id => _process.Id;

    /// <summary>Starts it; its log lines are kept, and also written to <paramref name="logFile"/> when one is named.</summary>
    public static EdgeProcess Start(IEnumerable<string> arguments, string? logFile = null)
    {
        var (file, prefix) = Self();
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var edge = new EdgeProcess(process, logFile is null ? null : new StreamWriter(logFile) { AutoFlush = true });
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("ready ", StringComparison.Ordinal))
            {
                edge._ready.TrySetResult(line);
            }
        };
        process.ErrorDataReceived += (_, e) => edge.OnLog(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return edge;
    }

    public List<string> Log { get; } = [];

    public async Task<string> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exited = _process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(_ready.Task, exited).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        return first == _ready.Task
            ? await _ready.Task.ConfigureAwait(false)
            : throw new InvalidOperationException($"The edge process exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{string.Join(Environment.NewLine, Log.TakeLast(10))}");
    }

    /// <summary>Stops it with SIGTERM and waits; returns its exit code.</summary>
    public async Task<int> StopAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            Signals.SendTerminate(_process.Id);
        }

        await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        if (_logFile is not null)
        {
            await _logFile.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnLog(string? line)
    {
        if (line is not null)
        {
            lock (Log)
            {
                Log.Add(line);
                _logFile?.WriteLine(line);
            }
        }
    }

    // Run as `dotnet edgefactory.dll` or as the apphost; start the child the same way.
    private static (string File, string[] Prefix) Self()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which executable is running.");
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? (host, [typeof(EdgeProcess).Assembly.Location])
            : (host, []);
    }
}
