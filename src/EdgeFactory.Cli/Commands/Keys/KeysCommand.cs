using System.CommandLine;
using EdgeFactory.Models.Signing;

namespace EdgeFactory.Cli.Commands.Keys;

/// <summary><c>edgefactory keys new --out DIR</c>: a new signing key for passports, desired states and revocations.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Make the signing keys of model passports, desired states and revocation lists.");
        var output = new Option<string>("--out") { Description = "Folder to write KEYID.key (private, mode 0600) and KEYID.pub (public; copy it into a device's trust folder) into.", Required = true };
        var create = new Command("new", "Make a new ECDSA P-256 key pair; prints its id and where its files are, never the key.") { output };
        create.SetAction(parse =>
        {
            try
            {
                using var key = SigningKey.Generate();
                var (privatePath, publicPath) = key.Save(parse.GetValue(output)!);
                var stdout = parse.InvocationConfiguration.Output;
                stdout.WriteLine($"key {key.KeyId}");
                stdout.WriteLine($"  private {privatePath} (mode 0600; keep it on the signing machine)");
                stdout.WriteLine($"  public  {publicPath} (put it in a trust folder)");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"edgefactory: cannot write the key: {e.Message}");
                return ExitCodes.UsageError;
            }
        });
        keys.Subcommands.Add(create);
        return keys;
    }
}
