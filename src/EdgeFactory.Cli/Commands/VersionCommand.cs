using System.CommandLine;

namespace EdgeFactory.Cli.Commands;

/// <summary><c>edgefactory version</c>.</summary>
internal static class VersionCommand
{
    public static string Version => Runtime.Hosting.SoftwareVersions.Current;

    public static Command Create()
    {
        var command = new Command("version", "Print the EdgeFactory version.");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine($"edgefactory {Version}");
            return 0;
        });
        return command;
    }
}
