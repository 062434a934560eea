using EdgeFactory.Cli.Commands;
using Spectre.Console;

// Spectre.Console drops colours for NO_COLOR but keeps bold and other styles; piped or NO_COLOR output gets no escape codes at all.
if (!Terminal.Colours(Console.IsOutputRedirected))
{
    AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(Console.Out) });
}

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
