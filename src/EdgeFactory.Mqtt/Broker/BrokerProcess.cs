using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Mqtt.Broker;

/// <summary>
/// One running <c>mosquitto</c> under a small shell supervisor. The supervisor's stdin is a pipe
/// from this process: when we exit, however we exit (SIGKILL included), the pipe reads EOF and the
/// supervisor terminates the broker. So an embedded broker never outlives its parent.
/// </summary>
internal sealed class BrokerProcess : IDisposable
{
    private const int LogLines = 500;

    // $1 = mosquitto, $2 = config. Prints the broker's pid, then waits for it.
    private const string Supervisor = """
        exec 3<&0
        "$1" -c "$2" 3<&- </dev/null &
        broker=$!
        echo "edgefactory-broker-pid $broker"
        ( read -r _ <&3; kill -TERM "$broker" ) </dev/null >/dev/null 2>&1 &
        wait "$broker"
        """;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<int> _brokerPid = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BrokerProcess(Process process, ILogger logger)
    {
        _process = process;
        _logger = logger;
    }

    public bool HasExited => _process.HasExited;

    public static BrokerProcess Start(string executable, string configPath, ILogger logger)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Supervisor);
        start.ArgumentList.Add("edgefactory-broker");
        start.ArgumentList.Add(executable);
        start.ArgumentList.Add(configPath);

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var broker = new BrokerProcess(process, logger);
        process.OutputDataReceived += (_, e) => broker.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => broker.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return broker;
    }

    /// <summary>The last lines the broker printed.</summary>
    public IReadOnlyList<string> RecentLog => [.. _log];

    public string LogTail(int lines = 20) => string.Join(Environment.NewLine, RecentLog.TakeLast(lines));

    /// <summary>Stops the broker with SIGTERM (it saves its database) and waits for it.</summary>
    public async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            return;
        }

        // Closing stdin is the supervisor's signal to terminate the broker gracefully.
        _process.StandardInput.Close();
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the broker with SIGKILL, as a crash would: nothing is saved.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        var pid = await _brokerPid.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        try
        {
            Process.GetProcessById(pid).Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        // Releases the supervisor's watcher, which waits for EOF on this pipe.
        _process.StandardInput.Dispose();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("edgefactory-broker-pid ", StringComparison.Ordinal))
        {
            _brokerPid.TrySetResult(int.Parse(line.AsSpan("edgefactory-broker-pid ".Length), CultureInfo.InvariantCulture));
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > LogLines && _log.TryDequeue(out _))
        {
        }

        BrokerLog.Output(_logger, line);
    }
}
