using EdgeFactory.Cli.Commands;

return await CliApplication.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
