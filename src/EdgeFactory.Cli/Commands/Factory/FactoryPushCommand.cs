using System.CommandLine;

namespace EdgeFactory.Cli.Commands.Factory;

/// <summary><c>edgefactory factory push DIR</c>: upload a package; the factory checks its passport on arrival.</summary>
internal static class FactoryPushCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "Model package folder (from 'edgefactory model passport')." };
        var address = FactoryCommand.Address();
        var actor = FactoryCommand.Actor();
        var token = FactoryCommand.TokenFile();
        var push = new Command("push", "Upload a model package. Exit 0: registered; 1: refused, with its code (signature_invalid, untrusted_signer, expired, revoked, missing_file, conflict, ...).")
        {
            directory, address, actor, token,
        };
        push.SetAction((parse, cancellationToken) => FactoryCommand.CallAsync(parse, parse.GetValue(address)!, parse.GetValue(actor)!, parse.GetValue(token),
            client => client.PushAsync(parse.GetValue(directory)!, cancellationToken)));
        return push;
    }
}
