using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeFactory.Mqtt;
using EdgeFactory.MesSimulation;
using EdgeFactory.Runtime.TaskTypes;
using EdgeFactory.Runtime.Yaml;

namespace EdgeFactory.Cli.Commands.Mes;

/// <summary><c>edgefactory mes sim</c>: play an MES at a steady rate and report what came back.</summary>
internal static class MesSimCommand
{
    public static Command Create()
    {
        var broker = new BrokerArguments();
        var site = new Option<string>("--site") { Description = "Site id, e.g. demo.", Required = true };
        var rate = new Option<double>("--rate") { Description = "Tasks per second, e.g. 5/s or 5.", Required = true, CustomParser = ParseRate };
        var duration = new Option<TimeSpan?>("--duration") { Description = "How long to submit (e.g. 60s).", CustomParser = r => DurationArgument.Parse(r) };
        var count = new Option<int?>("--count") { Description = "How many tasks to submit (1 or more)." };
        OptionRule.Add(count, n => n is < 1 ? $"--count must be 1 or more, not {n}." : null);
        var kinds = new Option<string>("--kinds") { Description = "Folder of robot kind files, to know each robot's task types.", DefaultValueFactory = _ => "robots/kinds" };
        var grace = new Option<TimeSpan>("--grace") { Description = "How long to wait for open tasks after the last submission.", DefaultValueFactory = _ => TimeSpan.FromSeconds(30), CustomParser = DurationArgument.Parse };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("sim", $"Submit tasks to a site at a steady rate, follow every status, and report accepted, completed, failed, open, lost and duplicated, and tasks per hour from the first acceptance to the last final status. Exit 0 when every task ended exactly once; 1 when a task was lost (never answered) or ended twice; 2 usage error; 3 when tasks were still open at the end of --grace or no robot was found.");
        broker.AddTo(command);
        foreach (var option in new Option[] { site, rate, duration, count, kinds, grace, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(duration) is null && parse.GetValue(count) is null)
            {
                await error.WriteLineAsync("edgefactory: give --duration, --count or both").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            try
            {
                var options = await broker.OptionsAsync(parse, cancellationToken).ConfigureAwait(false);
                var siteId = parse.GetValue(site)!;
                await using var mes = await MesSimulator.ConnectAsync(options, siteId, cancellationToken).ConfigureAwait(false);
                var generator = await GeneratorAsync(mes, parse.GetValue(kinds)!, siteId, cancellationToken).ConfigureAwait(false);
                // With --json, standard output carries one JSON document and nothing else.
                var progress = parse.GetValue(json) ? error : output;
                await progress.WriteLineAsync($"mes sim: site {siteId}, robots {string.Join(", ", mes.AvailableRobots.Select(r => r.RobotId))}, {parse.GetValue(rate):0.##} tasks/s").ConfigureAwait(false);
                var seconds = await MesPacer.RunAsync(mes, generator, parse.GetValue(rate), parse.GetValue(duration), parse.GetValue(count), cancellationToken).ConfigureAwait(false);
                await mes.WaitForFinalsAsync(parse.GetValue(grace), cancellationToken).ConfigureAwait(false);
                var tally = mes.Tally();
                var report = new MesSimReport(siteId, seconds, tally, tally.TasksPerHour);
                await output.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(report, MesJson.Default.MesSimReport) : Describe(report)).ConfigureAwait(false);
                return tally.Lost > 0 || tally.Duplicated > 0 ? ExitCodes.NegativeOutcome
                    : tally.Open > 0 ? ExitCodes.Timeout
                    : ExitCodes.Success;
            }
            catch (TimeoutException e)
            {
                await error.WriteLineAsync($"edgefactory: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Timeout;
            }
            catch (Exception e) when (e is MqttException or ArgumentException or IOException or YamlFileException)
            {
                await error.WriteLineAsync($"edgefactory: {e.Message}").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }
        });
        return command;
    }

    // Waits briefly for the retained robot states, then offers the task types that the kinds of robots able to work now can do.
    private static async Task<TaskGenerator> GeneratorAsync(MesSimulator mes, string kindsFolder, string siteId, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 5);
        while (mes.AvailableRobots.Count == 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        if (mes.AvailableRobots.Count == 0)
        {
            throw new TimeoutException(mes.Robots.Count == 0
                ? $"No robot of site '{siteId}' is on the broker (no retained robots/+/state); is its edge running?"
                : $"No robot of site '{siteId}' can take work: {string.Join(", ", mes.Robots.Values.OrderBy(r => r.RobotId, StringComparer.Ordinal).Select(r => $"{r.RobotId} is {r.Mode.ToString().ToLowerInvariant()}"))}.");
        }

        var types = mes.AvailableRobots.Select(r => r.Kind).Distinct()
            .SelectMany(kind => RobotKindFile.Load(Path.Combine(kindsFolder, kind + ".yaml")).Tasks.Values);
        return new TaskGenerator(types, $"sim-{DateTime.UtcNow:HHmmss}", Environment.TickCount);
    }

    private static string Describe(MesSimReport report)
    {
        static string ByCode(IReadOnlyDictionary<string, int> counts) =>
            counts.Count == 0 ? string.Empty : $" ({string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"))})";
        var t = report.Tally;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"submitted {t.Submitted}, accepted {t.Accepted}, rejected {t.RejectedTotal}{ByCode(t.Rejected)}, completed {t.Completed}, failed {t.FailedTotal}{ByCode(t.Failed)}, cancelled {t.Cancelled}, open {t.Open}, lost {t.Lost}, duplicated {t.Duplicated}; {report.TasksPerHour:N0} tasks/hour (first acceptance to last final status); submitted over {report.Seconds:0.#} s");
    }

    private static double ParseRate(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        var number = text.EndsWith("/s", StringComparison.Ordinal) ? text[..^2] : text;
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a rate; write e.g. 5/s.");
        return 0;
    }
}
