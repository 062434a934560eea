using System.CommandLine;

namespace EdgeFactory.Cli.Commands;

/// <summary>The <c>edgefactory</c> command tree.</summary>
internal static class CliApplication
{
    public static RootCommand Build()
    {
        var root = new RootCommand($"EdgeFactory: run robot sites on edge devices, talk to them as an MES, and check the device.\n\n{ExitCodes.Described}");
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(DepsCommand.Create());
        root.Subcommands.Add(BrokerCommand.Create());
        root.Subcommands.Add(EdgeCommand.Create());
        root.Subcommands.Add(Mes.MesCommand.Create());
        root.Subcommands.Add(Robots.RobotsCommand.Create());
        root.Subcommands.Add(Models.ModelCommand.Create());
        root.Subcommands.Add(Keys.KeysCommand.Create());
        root.Subcommands.Add(Factory.FactoryCommand.Create());
        root.Subcommands.Add(Vision.VisionCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        return root;
    }

    /// <summary>The words of the command that was parsed, e.g. <c>edgefactory mes sim</c>.</summary>
    public static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "edgefactory" : result.Command.Name);
        }

        names.Reverse();
        return names;
    }
}
