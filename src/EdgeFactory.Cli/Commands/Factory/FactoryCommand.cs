using System.CommandLine;

namespace EdgeFactory.Cli.Commands.Factory;

/// <summary><c>edgefactory factory</c>: run the central model registry, push packages, assign and revoke versions.</summary>
internal static class FactoryCommand
{
    public static Command Create()
    {
        var factory = new Command("factory", "The central AI factory: a registry of signed model packages that sends assignments and revocations to edges.");
        factory.Subcommands.Add(FactoryRunCommand.Create());
        factory.Subcommands.Add(FactoryPushCommand.Create());
        factory.Subcommands.Add(FactoryAssignCommand.Create());
        factory.Subcommands.Add(FactoryRevokeCommand.Create());
        factory.Subcommands.Add(FactoryGroupCommand.Create());
        factory.Subcommands.Add(FactoryTokenCommand.Create());
        factory.Subcommands.Add(FactoryRolloutCommand.Create());
        return factory;
    }

    /// <summary>The <c>--factory URL</c> option of the client commands.</summary>
    public static Option<string> Address()
    {
        var option = new Option<string>("--factory") { Description = "The factory's HTTP address.", DefaultValueFactory = _ => "http://127.0.0.1:8470/" };
        OptionRule.Add(option, v => Uri.TryCreate(v, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? null : $"'{v}' is not an http:// or https:// address.");
        return option;
    }

    /// <summary>The <c>--actor NAME</c> option: who the decision record names.</summary>
    public static Option<string> Actor() => new("--actor")
    {
        Description = "Who is asking, for the factory's decision record (default: the user name).",
        DefaultValueFactory = _ => Environment.UserName,
    };

    /// <summary>The <c>--token-file FILE</c> option: where the bearer token is (never the token itself on the command line).</summary>
    public static Option<string?> TokenFile() => new("--token-file")
    {
        Description = $"File holding the bearer token (from 'edgefactory factory token new'); default: the {TokenVariable} environment variable.",
    };

    /// <summary>Environment variable that may hold the bearer token.</summary>
    public const string TokenVariable = "EDGEFACTORY_FACTORY_TOKEN";

    /// <summary>Runs a client call and turns its outcome into a line and an exit code: 0 done, 1 refused, 2 unreachable.</summary>
    public static async Task<int> CallAsync(ParseResult parse, string address, string actor, string? tokenFile, Func<EdgeFactory.Factory.Http.FactoryClient, Task<EdgeFactory.Factory.Registry.RegistryOutcome>> call)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/") };
        try
        {
            var token = tokenFile is not null ? (await File.ReadAllTextAsync(tokenFile)).Trim() : Environment.GetEnvironmentVariable(TokenVariable)?.Trim();
            var outcome = await call(new EdgeFactory.Factory.Http.FactoryClient(http, actor, string.IsNullOrEmpty(token) ? null : token));
            if (outcome.Succeeded)
            {
                parse.InvocationConfiguration.Output.WriteLine(outcome.Message);
                return ExitCodes.Success;
            }

            parse.InvocationConfiguration.Output.WriteLine(outcome.Code);
            parse.InvocationConfiguration.Error.WriteLine($"edgefactory: {outcome.Code}: {outcome.Message}");
            return ExitCodes.NegativeOutcome;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ArgumentException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"edgefactory: {e.Message}");
            return ExitCodes.UsageError;
        }
    }
}
