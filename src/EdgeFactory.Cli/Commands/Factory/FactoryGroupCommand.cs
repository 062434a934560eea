using System.CommandLine;
using EdgeFactory.Factory.Registry;

namespace EdgeFactory.Cli.Commands.Factory;

/// <summary><c>edgefactory factory group add|remove|show</c>: the groups of devices that assignments can name.</summary>
internal static class FactoryGroupCommand
{
    public static Command Create()
    {
        var group = new Command("group", "Groups of a site's devices: 'factory assign --group' assigns to every member, and a device that joins later gets the group's assignments.");
        group.Subcommands.Add(Add());
        group.Subcommands.Add(Remove());
        group.Subcommands.Add(Show());
        return group;
    }

    private static Command Add()
    {
        var (site, name, address, actor, token) = Common();
        var devices = new Option<string[]>("--device") { Description = "Device id; repeat for more.", AllowMultipleArgumentsPerToken = true };
        var file = new Option<string?>("--devices-file") { Description = "File of device ids, one a line ('#' starts a comment)." };
        var add = new Command("add", "Add devices to a group (made by its first member); each new member gets the group's assignments.") { site, name, devices, file, address, actor, token };
        add.Validators.Add(result =>
        {
            if ((result.GetValue(devices) is null or { Length: 0 }) && result.GetValue(file) is null)
            {
                result.AddError("Give --device (repeatable) or --devices-file.");
            }
        });
        add.SetAction((parse, cancellationToken) => FactoryCommand.CallAsync(parse, parse.GetValue(address)!, parse.GetValue(actor)!, parse.GetValue(token), async client =>
        {
            var listed = parse.GetValue(file) is { } path
                ? (await File.ReadAllLinesAsync(path, cancellationToken)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
                : [];
            return await client.AddGroupMembersAsync(parse.GetValue(site)!, parse.GetValue(name)!, [.. (parse.GetValue(devices) ?? []).Concat(listed)], cancellationToken);
        }));
        return add;
    }

    private static Command Remove()
    {
        var (site, name, address, actor, token) = Common();
        var device = new Option<string>("--device") { Description = "Device id.", Required = true };
        var remove = new Command("remove", "Take a device out of a group; it keeps running what it runs until it is assigned something else.") { site, name, device, address, actor, token };
        remove.SetAction((parse, cancellationToken) => FactoryCommand.CallAsync(parse, parse.GetValue(address)!, parse.GetValue(actor)!, parse.GetValue(token),
            client => client.RemoveGroupMemberAsync(parse.GetValue(site)!, parse.GetValue(name)!, parse.GetValue(device)!, cancellationToken)));
        return remove;
    }

    private static Command Show()
    {
        var (site, name, address, actor, token) = Common();
        var show = new Command("show", "Print a group's assignments and members.") { site, name, address, actor, token };
        show.SetAction((parse, cancellationToken) => FactoryCommand.CallAsync(parse, parse.GetValue(address)!, parse.GetValue(actor)!, parse.GetValue(token), async client =>
        {
            var (found, outcome) = await client.GetGroupAsync(parse.GetValue(site)!, parse.GetValue(name)!, cancellationToken);
            if (found is null)
            {
                return outcome;
            }

            var lines = found.Assignments.Select(a => $"assigned {a.Slot}: {a.Name} {a.Version}{(a.RollbackAllowed ? " (rollback)" : string.Empty)}")
                .Append($"{found.Devices.Count} devices: {string.Join(' ', found.Devices)}");
            return new RegistryOutcome(null, string.Join(Environment.NewLine, lines));
        }));
        return show;
    }

    private static (Option<string> Site, Option<string> Group, Option<string> Address, Option<string> Actor, Option<string?> Token) Common() =>
        (new Option<string>("--site") { Description = "Site id.", Required = true },
         new Option<string>("--group") { Description = "Group name within the site.", Required = true },
         FactoryCommand.Address(),
         FactoryCommand.Actor(),
         FactoryCommand.TokenFile());
}
