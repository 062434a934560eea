using System.Diagnostics;
using System.Text.Json;

namespace EdgeFactory.Testing;

/// <summary>
/// A real <c>firmware-shims/build/robot-sim</c> controller in a process of its own, on a free UDP port, with the
/// events it prints (one JSON object per line) collected for assertions.
/// </summary>
public sealed class RobotSimProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<JsonElement> _events = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RobotSimProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => OnLine(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Path of the simulator (built by <c>make firmware</c>).</summary>
    public static string Executable => RepositoryPaths.Of("firmware-shims", "build", "robot-sim");

    /// <summary>The UDP port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Its address in a site file's <c>link:</c>.</summary>
    public Uri Address => new($"udp://127.0.0.1:{Port}");

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts a simulator of <paramref name="kind"/> (<c>arm</c>, <c>gripper</c>, <c>conveyor</c>) with extra flags and waits until it listens.</summary>
    public static async Task<RobotSimProcess> StartAsync(string kind, params string[] flags)
    {
        if (!File.Exists(Executable))
        {
            throw new FileNotFoundException($"{Executable} is missing; run `make firmware`.", Executable);
        }

        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--kind", kind, "--port", "0", "--lifetime-s", "600", .. flags])
        {
            start.ArgumentList.Add(argument);
        }

        var sim = new RobotSimProcess(Process.Start(start) ?? throw new InvalidOperationException("robot-sim did not start."));
        var port = await sim._port.Task.WaitAsync(TimeSpan.FromSeconds(10));
        sim.Port = port;
        return sim;
    }

    /// <summary>Events named <paramref name="name"/> printed so far.</summary>
    public IReadOnlyList<JsonElement> Events(string name)
    {
        lock (_gate)
        {
            return _events.Where(e => e.GetProperty("event").GetString() == name).ToList();
        }
    }

    /// <summary>Waits for the first event named <paramref name="name"/> that <paramref name="match"/> accepts.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool>? match = null)
    {
        JsonElement? found = null;
        await Eventually.TrueAsync(
            () => (found = Events(name).Where(e => match?.Invoke(e) ?? true).Select(e => (JsonElement?)e).FirstOrDefault()) is not null,
            $"robot-sim {_process.Id}: event '{name}'");
        return found!.Value;
    }

    /// <summary>Ends it with SIGTERM and waits for its <c>exit</c> line.</summary>
    public async Task<JsonElement> StopAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the simulator prints its exit line and ends.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.WaitForExit();
        return Events("exit").Single();
    }

    /// <summary>Stops it if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        JsonElement element;
        try
        {
            element = JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException)
        {
            return;
        }

        lock (_gate)
        {
            _events.Add(element);
        }

        if (element.GetProperty("event").GetString() == "listening")
        {
            _port.TrySetResult(element.GetProperty("port").GetInt32());
        }
    }
}
