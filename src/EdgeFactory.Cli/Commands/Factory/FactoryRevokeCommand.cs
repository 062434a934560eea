using System.CommandLine;
using EdgeFactory.Factory.Http;

namespace EdgeFactory.Cli.Commands.Factory;

/// <summary><c>edgefactory factory revoke</c>: stop a version everywhere.</summary>
internal static class FactoryRevokeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model name.", Required = true };
        var version = new Option<string>("--version") { Description = "Version to revoke.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why, for people and the decision record.", Required = true };
        var address = FactoryCommand.Address();
        var actor = FactoryCommand.Actor();
        var token = FactoryCommand.TokenFile();
        var revoke = new Command("revoke", "Revoke a version fleet-wide; the factory publishes the signed revocation list (retained) on ef/v1/fleet/revocations.")
        {
            model, version, reason, address, actor, token,
        };
        revoke.SetAction((parse, cancellationToken) => FactoryCommand.CallAsync(parse, parse.GetValue(address)!, parse.GetValue(actor)!, parse.GetValue(token),
            client => client.RevokeAsync(new RevocationRequest(parse.GetValue(model)!, parse.GetValue(version)!, parse.GetValue(reason)!), cancellationToken)));
        return revoke;
    }
}
