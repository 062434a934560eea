using System.Diagnostics;
using System.Globalization;
using EdgeFactory.Cli.Native;
using EdgeFactory.Runtime.Motion;
using EdgeFactory.Runtime.Sites;

namespace EdgeFactory.Cli.Demo;

/// <summary>
/// One <c>robot-sim</c> process per controller of the site's robots on the robot link, listening where the site file
/// says: the real controllers' stand-ins, in processes of their own as real controllers would be.
/// </summary>
internal sealed class ControllerSimulators : IAsyncDisposable
{
    private readonly List<Process> _processes = [];

    /// <summary>Controllers started.</summary>
    public int Count => _processes.Count;

    /// <summary>Starts a simulator for every linked controller of <paramref name="site"/>.</summary>
    public static ControllerSimulators Start(SiteDefinition site)
    {
        var simulators = new ControllerSimulators();
        var program = Path.Combine("firmware-shims", "build", "robot-sim");
        foreach (var robot in site.Robots.Where(r => r.OnLink))
        {
            if (!File.Exists(program))
            {
                throw new FileNotFoundException($"{program} is missing: run `make firmware` (the demo starts it for the robots on the robot link).", program);
            }

            foreach (var (name, address) in robot.Links)
            {
                var device = robot.Motion!.Controllers[name].Device;
                var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var argument in (string[])["--kind", Kind(device), "--bind", address.Host, "--port", address.Port.ToString(CultureInfo.InvariantCulture), "--lifetime-s", "3600"])
                {
                    start.ArgumentList.Add(argument);
                }

                var process = Process.Start(start) ?? throw new InvalidOperationException($"robot-sim for {robot.RobotId}/{name} did not start.");
                // Its event lines are not needed here; read them so a full pipe never blocks it.
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                simulators._processes.Add(process);
            }
        }

        return simulators;
    }

    /// <summary>Stops every simulator with SIGTERM.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Where(p => !p.HasExited))
        {
            Signals.SendTerminate(process.Id);
        }

        foreach (var process in _processes)
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            process.Dispose();
        }
    }

    private static string Kind(ControllerDevice device) => device switch
    {
        ControllerDevice.Arm => "arm",
        ControllerDevice.Gripper => "gripper",
        _ => "conveyor",
    };
}
