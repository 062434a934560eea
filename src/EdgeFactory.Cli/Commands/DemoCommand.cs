using System.CommandLine;
using EdgeFactory.Cli.Demo;

namespace EdgeFactory.Cli.Commands;

/// <summary><c>edgefactory demo</c>: a line of robots end to end on this machine, live; <c>demo factory</c>: the factory rolling policy versions out to it.</summary>
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

        var storySite = new Option<string>("--site") { Description = "Site file to run.", DefaultValueFactory = _ => "robots/sites/line.yaml" };
        var bake = new Option<TimeSpan>("--bake")
        {
            Description = "How long each rollout bakes before its gate (e.g. 40s); version 1 runs one and a half times as long first, for the baseline.",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(40),
            CustomParser = DurationArgument.Parse,
        };
        var port = new Option<int>("--port") { Description = "Port of the factory and its dashboard on 127.0.0.1 (0: any free one).", DefaultValueFactory = _ => 8470 };
        var story = new Command("factory", "The factory's story: an embedded broker, the central factory, the edge on the robot-sim line and a simulated MES. Version 1 of the arm policy sets the baseline, then 2.0.0 and 3.0.0 are rolled out, each judged by its gate (tasks per hour, failures, safety clamps, latency); a summary by version and the decisions taken. The factory's dashboard is open while it runs.")
        {
            storySite, bake, port,
        };
        story.SetAction((parse, cancellationToken) =>
            new FactoryStory(parse.GetValue(storySite)!, parse.GetValue(bake), parse.GetValue(port)).RunAsync(cancellationToken));
        command.Subcommands.Add(story);
        return command;
    }
}
