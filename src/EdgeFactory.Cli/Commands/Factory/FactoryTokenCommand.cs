using System.CommandLine;
using EdgeFactory.Factory.Access;

namespace EdgeFactory.Cli.Commands.Factory;

/// <summary><c>edgefactory factory token new</c>: a bearer token for a person or a job that changes the factory.</summary>
internal static class FactoryTokenCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Who holds the token; the factory's decision record names it.", Required = true };
        var tokens = new Option<string>("--tokens") { Description = "The factory's tokens file (its --tokens); the token's SHA-256 is appended to it.", Required = true };
        var output = new Option<string>("--out") { Description = "File to write the token to (mode 0600); give it to the holder, who passes it with --token-file.", Required = true };
        var create = new Command("new", "Make a bearer token: the token goes to --out only, its hash to the tokens file; the factory reads the file at start.") { name, tokens, output };
        create.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(output)!;
            try
            {
                if (File.Exists(target))
                {
                    throw new IOException($"'{target}' already exists.");
                }

                var token = await ApiTokens.IssueAsync(parse.GetValue(tokens)!, parse.GetValue(name)!, cancellationToken);
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                await using (var writer = new StreamWriter(target, System.Text.Encoding.ASCII, options))
                {
                    await writer.WriteLineAsync(token.AsMemory(), cancellationToken);
                }

                parse.InvocationConfiguration.Output.WriteLine($"token {parse.GetValue(name)}: {target} (mode 0600); hash added to {parse.GetValue(tokens)}; restart the factory to take it up");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"edgefactory: cannot make the token: {e.Message}");
                return ExitCodes.UsageError;
            }
        });
        var token = new Command("token", "Bearer tokens of the people and jobs that push, assign, revoke and change groups.");
        token.Subcommands.Add(create);
        return token;
    }
}
