using System.CommandLine;
using System.Diagnostics;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.StateMachines.Graphs;
using EdgeFactory.Runtime.TaskTypes;
using EdgeFactory.Runtime.Yaml;

namespace EdgeFactory.Cli.Commands.Robots;

/// <summary><c>edgefactory robots</c>: check robot and task files and draw task flows.</summary>
internal static class RobotsCommand
{
    public static Command Create()
    {
        var robots = new Command("robots", "Check site and robot kind files and draw task flows.");
        robots.Subcommands.Add(Graph());
        robots.Subcommands.Add(Check());
        return robots;
    }

    private static Command Graph()
    {
        var robot = new Argument<string>("ROBOT") { Description = "Robot id in the site file, or a kind (humanoid, conveyor, pick_place_cell)." };
        var task = new Argument<string>("TASK") { Description = "Task type, e.g. pick_place." };
        var site = new Option<string>("--site") { Description = "Site file that places the robot.", DefaultValueFactory = _ => "robots/sites/demo.yaml" };
        var format = new Option<string>("--format") { Description = "dot or mermaid.", DefaultValueFactory = _ => "dot" };
        format.AcceptOnlyFromAmong("dot", "mermaid");
        var svg = new Option<string?>("--svg") { Description = "Also write an SVG here (needs Graphviz's dot)." };
        var command = new Command("graph", "Print a task's state machine as DOT or Mermaid, and write an SVG when Graphviz is installed.");
        command.Arguments.Add(robot);
        command.Arguments.Add(task);
        command.Options.Add(site);
        command.Options.Add(format);
        command.Options.Add(svg);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var definition = Find(parse.GetValue(site)!, parse.GetValue(robot)!, parse.GetValue(task)!);
                var dot = FlowGraphs.Dot(definition.Flow);
                await parse.InvocationConfiguration.Output.WriteAsync(parse.GetValue(format) == "mermaid" ? FlowGraphs.Mermaid(definition.Flow) : dot).ConfigureAwait(false);
                return parse.GetValue(svg) is { } path ? await WriteSvgAsync(dot, path, error, cancellationToken).ConfigureAwait(false) : 0;
            }
            catch (Exception e) when (e is YamlFileException or FileNotFoundException or ArgumentException)
            {
                await error.WriteLineAsync($"edgefactory: {e.Message}").ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }

    private static Command Check()
    {
        var site = new Argument<string>("SITE") { Description = "Site file, e.g. robots/sites/demo.yaml." };
        var command = new Command("check", "Load a site file and the robot kind files it uses, and report the first problem with its file, line and column.");
        command.Arguments.Add(site);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var loaded = SiteFile.Load(parse.GetValue(site)!);
                foreach (var r in loaded.Robots)
                {
                    await parse.InvocationConfiguration.Output.WriteLineAsync($"{r.RobotId,-14} {r.Kind,-16} {string.Join(", ", r.Tasks.Keys)}").ConfigureAwait(false);
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync($"ok: site {loaded.SiteId}, {loaded.Robots.Count} robots").ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is YamlFileException or FileNotFoundException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"edgefactory: {e.Message}").ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }

    private static TaskTypeDefinition Find(string siteFile, string robot, string task)
    {
        IReadOnlyDictionary<string, TaskTypeDefinition> tasks;
        var kindFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(siteFile))!, "..", "kinds", robot + ".yaml");
        if (RobotKindNames.IsValid(robot) && File.Exists(kindFile))
        {
            tasks = RobotKindFile.Load(kindFile).Tasks;
        }
        else
        {
            var site = SiteFile.Load(siteFile);
            tasks = (site.Robot(robot) ?? throw new ArgumentException($"Robot '{robot}' is not in {siteFile}; it has {string.Join(", ", site.Robots.Select(r => r.RobotId))}.")).Tasks;
        }

        return tasks.TryGetValue(task, out var definition)
            ? definition
            : throw new ArgumentException($"'{robot}' has no task '{task}'; it has {string.Join(", ", tasks.Keys)}.");
    }

    private static async Task<int> WriteSvgAsync(string dot, string path, TextWriter error, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dot") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-Tsvg");
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(path);
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            process = null;
        }

        if (process is null)
        {
            await error.WriteLineAsync("edgefactory: Graphviz's 'dot' is not installed (apt-get install graphviz); the DOT text above is all there is.").ConfigureAwait(false);
            return ExitCodes.NegativeOutcome;
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(dot).ConfigureAwait(false);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                await error.WriteLineAsync($"edgefactory: dot failed: {await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false)}").ConfigureAwait(false);
                return ExitCodes.NegativeOutcome;
            }
        }

        return 0;
    }
}
