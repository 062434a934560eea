using System.CommandLine;
using System.Text.Json;
using EdgeFactory.Edge;
using EdgeFactory.Runtime.ModelDelivery;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Yaml;

namespace EdgeFactory.Cli.Commands.Edge;

/// <summary>
/// <c>edgefactory edge models --site FILE [--data DIR] [--json]</c>: what a device's packages folder holds, read from disk
/// (no broker, no factory, and the edge may be stopped): what each slot ran at the last status, every installed package
/// verified again, and every refusal with its code.
/// </summary>
internal static class EdgeModelsCommand
{
    public static Command Create()
    {
        var site = new Option<string>("--site") { Description = "Site file with a 'models:' section.", Required = true };
        var data = new Option<string?>("--data") { Description = "The edge's data folder (as given to 'edge run')." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of tables." };
        var command = new Command("models", "List the models a device runs, has installed and refused (read from its data folder). Exit 0: listed; 2: the site file or folder cannot be read.")
        {
            site, data, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var definition = SiteFile.Load(parse.GetValue(site)!);
                if (definition.Settings.ModelDelivery is not { } delivery)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"edgefactory: site {definition.SiteId} has no 'models:' section; add one to receive models from the factory (docs/factory.md).").ConfigureAwait(false);
                    return ExitCodes.UsageError;
                }

                var folder = delivery.FolderUnder(parse.GetValue(data) ?? EdgeHost.DefaultDataDirectory(definition.SiteId));
                var inventory = await ModelInventory.ReadAsync(folder, delivery.PassportTrust, delivery.DeviceType, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                var report = new EdgeModelsReport(
                    definition.SiteId, definition.DeviceId, folder, inventory.Status?.Running ?? [], inventory.Installed, inventory.Status?.Refused ?? [],
                    inventory.Status?.AppliedRevision ?? 0, inventory.Status?.At);
                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(report, EdgeJson.Default.EdgeModelsReport)).ConfigureAwait(false);
                }
                else
                {
                    await output.WriteAsync(EdgeModelsText.Format(report)).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }
            catch (Exception e) when (e is YamlFileException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"edgefactory: {e.Message}").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }
        });
        return command;
    }
}
