using System.CommandLine;
using EdgeFactory.Factory.Http;

namespace EdgeFactory.Cli.Commands.Factory;

/// <summary><c>edgefactory factory assign</c>: tell one device, or every device of a group, to run a version.</summary>
internal static class FactoryAssignCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model name.", Required = true };
        var version = new Option<string>("--version") { Description = "Model version.", Required = true };
        var site = new Option<string>("--site") { Description = "Site id.", Required = true };
        var device = new Option<string?>("--device") { Description = "Device id (or --group)." };
        var group = new Option<string?>("--group") { Description = "Group of the site (see 'factory group'); devices that join it later get the version too." };
        var slot = new Option<string?>("--slot") { Description = "Model slot on the device (default: the model name)." };
        var rollback = new Option<bool>("--rollback") { Description = "A signed order to go back to an older version than the device has." };
        var address = FactoryCommand.Address();
        var actor = FactoryCommand.Actor();
        var token = FactoryCommand.TokenFile();
        var assign = new Command("assign", "Assign a registered version to a device or a group; the factory publishes each device's signed desired state (retained).")
        {
            model, version, site, device, group, slot, rollback, address, actor, token,
        };
        assign.Validators.Add(result =>
        {
            if ((result.GetValue(device) is null) == (result.GetValue(group) is null))
            {
                result.AddError("Give exactly one of --device and --group.");
            }
        });
        assign.SetAction((parse, cancellationToken) => FactoryCommand.CallAsync(parse, parse.GetValue(address)!, parse.GetValue(actor)!, parse.GetValue(token),
            client => client.AssignAsync(
                new AssignmentRequest(parse.GetValue(site)!, parse.GetValue(device), parse.GetValue(model)!, parse.GetValue(version)!, parse.GetValue(slot), parse.GetValue(rollback), parse.GetValue(group)),
                cancellationToken)));
        return assign;
    }
}
