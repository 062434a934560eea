using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace EdgeFactory.Bench;

/// <summary>A firmware-shims program (<c>robot-sim</c>, <c>loop-ref</c>) as a child process.</summary>
internal static class ControllerProcess
{
    public static string Path(string program) => System.IO.Path.Combine("firmware-shims", "build", program);

    /// <summary>Starts <c>robot-sim</c> on a free port and returns it with the port it listens on.</summary>
    public static (Process Process, int Port) StartRobotSim(string kind)
    {
        var start = new ProcessStartInfo(Path("robot-sim")) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["--kind", kind, "--port", "0", "--lifetime-s", "3600"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("robot-sim did not start; run `make firmware`.");
        var first = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("robot-sim printed nothing.");
        var port = JsonDocument.Parse(first).RootElement.GetProperty("port").GetInt32();
        // Keep reading its events so a full pipe never blocks it.
        _ = Task.Run(() => process.StandardOutput.ReadToEnd());
        return (process, port);
    }

    /// <summary>Runs <c>loop-ref</c> at <paramref name="hz"/> for <paramref name="seconds"/> and returns its JSON report.</summary>
    public static JsonElement RunLoopRef(int hz, int seconds)
    {
        var start = new ProcessStartInfo(Path("loop-ref")) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["--hz", hz.ToString(CultureInfo.InvariantCulture), "--seconds", seconds.ToString(CultureInfo.InvariantCulture), "--json"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("loop-ref did not start; run `make firmware`.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
