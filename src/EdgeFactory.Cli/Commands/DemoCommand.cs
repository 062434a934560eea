using System.CommandLine;
using EdgeFactory.Cli.Demo;

namespace EdgeFactory.Cli.Commands;

/// <summary><c>edgefactory demo</c>: the smallest whole slice of a site, end to end, on this machine.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var site = new Option<string>("--site") { Description = "Site file to run.", DefaultValueFactory = _ => "robots/sites/line.yaml" };
        var duration = new Option<TimeSpan>("--duration")
        {
            Description = "How long the MES submits tasks before the edge is stopped (e.g. 20s, 1m).",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(60),
            CustomParser = DurationArgument.Parse,
        };
        // 1/s keeps the line's robots below capacity: on robot-sim controllers a humanoid's kit takes a few seconds.
        var rate = new Option<double>("--rate") { Description = "Tasks per second the simulated MES submits.", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Start an embedded broker, robot-sim controllers for the robots on the robot link, an edge runtime for a site and a simulated MES; show each robot's state, task and tasks per hour live (e trips and resets the e-stop); stop cleanly and summarise.");
        command.Options.Add(site);
        command.Options.Add(duration);
        command.Options.Add(rate);
        command.SetAction((parse, cancellationToken) =>
            new DemoRun(parse.GetValue(site)!, parse.GetValue(duration), parse.GetValue(rate)).RunAsync(cancellationToken));
        return command;
    }
}
