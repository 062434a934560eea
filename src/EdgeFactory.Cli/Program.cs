using EdgeFactory.Cli.Commands;

var parse = CliApplication.Build().Parse(args);

// System.CommandLine exits 1 on a parse error; here 1 means "the operation's outcome was negative", so usage errors are 2 everywhere.
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        await Console.Error.WriteLineAsync($"edgefactory: {ParseErrorText.Of(error.Message)}").ConfigureAwait(false);
    }

    await Console.Error.WriteLineAsync($"Run '{string.Join(' ', CliApplication.CommandPath(parse))} --help' for usage.").ConfigureAwait(false);
    return ExitCodes.UsageError;
}

return await parse.InvokeAsync().ConfigureAwait(false);
