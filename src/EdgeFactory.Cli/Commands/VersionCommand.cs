using System.CommandLine;
using System.Reflection;

namespace EdgeFactory.Cli.Commands;

/// <summary><c>edgefactory version</c>.</summary>
internal static class VersionCommand
{
    public static string Version =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

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
