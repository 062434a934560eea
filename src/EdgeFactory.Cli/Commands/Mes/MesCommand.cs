using System.CommandLine;

namespace EdgeFactory.Cli.Commands.Mes;

/// <summary><c>edgefactory mes</c>: talk to a site as an MES does.</summary>
internal static class MesCommand
{
    public static Command Create()
    {
        var mes = new Command("mes", "Talk to a site as an MES does: submit tasks and follow their statuses.");
        mes.Subcommands.Add(MesSendCommand.Create());
        mes.Subcommands.Add(MesSimCommand.Create());
        return mes;
    }
}
