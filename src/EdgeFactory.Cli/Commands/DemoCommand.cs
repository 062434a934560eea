using System.CommandLine;
using EdgeFactory.Cli.Demo;

namespace EdgeFactory.Cli.Commands;

/// <summary><c>edgefactory demo</c>: the smallest whole slice of a site, end to end, on this machine.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var site = new Option<string>("--site") { Description = "Site file to run.", DefaultValueFactory = _ => "robots/sites/demo.yaml" };
        var duration = new Option<TimeSpan>("--duration")
        {
            Description = "How long to run before stopping the edge (e.g. 20s, 1m).",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(20),
            CustomParser = DurationArgument.Parse,
        };
        var command = new Command("demo", "Start an embedded broker and an edge runtime for a site, watch its robots come online, then stop it cleanly.");
        command.Options.Add(site);
        command.Options.Add(duration);
        command.SetAction((parse, cancellationToken) =>
            new DemoRun(parse.GetValue(site)!, parse.GetValue(duration)).RunAsync(cancellationToken));
        return command;
    }
}
