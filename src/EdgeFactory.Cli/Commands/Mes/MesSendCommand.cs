using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Mqtt;

namespace EdgeFactory.Cli.Commands.Mes;

/// <summary><c>edgefactory mes send</c>: submit one task and print its statuses until it is final.</summary>
internal static class MesSendCommand
{
    public static Command Create()
    {
        var broker = new BrokerArguments();
        var site = new Option<string>("--site") { Description = "Site id, e.g. demo.", Required = true };
        var type = new Option<string>("--type") { Description = "Task type, e.g. pick_place.", Required = true };
        var id = new Option<string?>("--id") { Description = "Task id (default: a new one)." };
        var robot = new Option<string?>("--robot") { Description = "Robot to run it on (default: the site picks one that can)." };
        var priority = new Option<int>("--priority") { Description = "0 (lowest) to 9.", DefaultValueFactory = _ => TaskSubmitMessage.DefaultPriority };
        OptionRule.Add(priority, p => p is < 0 or > 9 ? $"--priority must be 0 (lowest) to 9, not {p}." : null);
        var deadline = new Option<DateTimeOffset?>("--deadline") { Description = "Latest start time, RFC 3339 (e.g. 2026-11-22T14:00:00Z).", CustomParser = ParseDeadline };
        var parameters = new Option<string[]>("--param") { Description = "A parameter as NAME=VALUE; repeat for more.", AllowMultipleArgumentsPerToken = false };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long to wait for a final status.", DefaultValueFactory = _ => TimeSpan.FromMinutes(2), CustomParser = DurationArgument.Parse };
        var json = new Option<bool>("--json") { Description = "Print each status as its JSON payload." };
        var command = new Command("send", "Submit one task and print its statuses until it is final (exit 0 completed, 1 rejected/failed/cancelled, 3 timed out).");
        broker.AddTo(command);
        foreach (var option in new Option[] { site, type, id, robot, priority, deadline, parameters, timeout, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var taskId = parse.GetValue(id) ?? $"cli-{DateTime.UtcNow:yyyyMMddHHmmss}-{Random.Shared.Next(1000, 9999)}";
            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(parameters) ?? [])
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"edgefactory: --param '{pair}' must be NAME=VALUE").ConfigureAwait(false);
                    return ExitCodes.UsageError;
                }

                values[pair[..at]] = ParameterValue(pair[(at + 1)..]);
            }

            var submit = new TaskSubmitMessage(taskId, parse.GetValue(type)!, parse.GetValue(robot), parse.GetValue(priority), parse.GetValue(deadline), values.Count == 0 ? null : values);
            try
            {
                var options = await broker.OptionsAsync(parse, cancellationToken).ConfigureAwait(false);
                await using var watcher = await StatusWatcher.StartAsync(options, parse.GetValue(site)!, taskId, cancellationToken).ConfigureAwait(false);
                await watcher.SubmitAsync(submit, cancellationToken).ConfigureAwait(false);
                var final = await watcher.PrintUntilFinalAsync(output, parse.GetValue(json), parse.GetValue(timeout), cancellationToken).ConfigureAwait(false);
                return final switch
                {
                    null => ExitCodes.Timeout,
                    TaskState.Completed => ExitCodes.Success,
                    _ => ExitCodes.NegativeOutcome,
                };
            }
            catch (Exception e) when (e is MqttException or ArgumentException or IOException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"edgefactory: {e.Message}").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }
        });
        return command;
    }

    private static DateTimeOffset? ParseDeadline(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        result.AddError($"--deadline '{text}' is not a time; write it as RFC 3339, e.g. 2026-11-22T14:00:00Z.");
        return null;
    }

    // Numbers and true/false keep their type; anything else is text.
    private static JsonElement ParameterValue(string text) =>
        text is "true" or "false" || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? JsonDocument.Parse(text).RootElement.Clone()
            : JsonSerializer.SerializeToElement(text, MesJson.Default.String);
}
