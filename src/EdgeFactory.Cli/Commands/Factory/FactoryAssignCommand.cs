using System.CommandLine;
using EdgeFactory.Factory.Http;

namespace EdgeFactory.Cli.Commands.Factory;

/// <summary><c>edgefactory factory assign</c>: tell one device to run a version.</summary>
internal static class FactoryAssignCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model name.", Required = true };
        var version = new Option<string>("--version") { Description = "Model version.", Required = true };
        var site = new Option<string>("--site") { Description = "Site id.", Required = true };
        var device = new Option<string>("--device") { Description = "Device id.", Required = true };
        var slot = new Option<string?>("--slot") { Description = "Model slot on the device (default: the model name)." };
        var rollback = new Option<bool>("--rollback") { Description = "A signed order to go back to an older version than the device has." };
        var address = FactoryCommand.Address();
        var actor = FactoryCommand.Actor();
        var assign = new Command("assign", "Assign a registered version to a device; the factory publishes the device's signed desired state (retained).")
        {
            model, version, site, device, slot, rollback, address, actor,
        };
        assign.SetAction((parse, cancellationToken) => FactoryCommand.CallAsync(parse, parse.GetValue(address)!, parse.GetValue(actor)!,
            client => client.AssignAsync(
                new AssignmentRequest(parse.GetValue(site)!, parse.GetValue(device)!, parse.GetValue(model)!, parse.GetValue(version)!, parse.GetValue(slot), parse.GetValue(rollback)),
                cancellationToken)));
        return assign;
    }
}
