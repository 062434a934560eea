using System.Globalization;
using EdgeFactory.Factory.Http;
using EdgeFactory.Factory.Rollout.Waves;
using Spectre.Console;

namespace EdgeFactory.Cli.Demo;

/// <summary>What the demo prints about its rollouts: each gate's figures, and at the end tasks per hour and per kWh by version with the decisions taken.</summary>
internal static class StorySummary
{
    /// <summary>A rollout's outcome with every figure of its last gate.</summary>
    public static void Verdict(RolloutStatus rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var colour = rollout.Phase switch { RolloutPhase.Completed => "green", RolloutPhase.RolledBack or RolloutPhase.Aborted => "red", _ => "yellow" };
        AnsiConsole.MarkupLine($"gate     {rollout.Spec.Version}: [{colour}]{rollout.Phase.ToString().ToLowerInvariant()}[/] — {Markup.Escape(rollout.LastVerdict?.Summary ?? "not judged")}");
        if (rollout.LastVerdict is not { Checks.Count: > 0 } verdict)
        {
            return;
        }

        // p (worse): chance would give figures this bad this often; p (better): this good (tasks per hour only).
        var table = new Table().Title($"{rollout.Spec.Version} (wave) against {rollout.Spec.PreviousVersion} (baseline)").AddColumns("figure", "wave", "baseline", "p worse", "p better", "");
        foreach (var check in verdict.Checks)
        {
            table.AddRow(check.Metric, Number(check.Wave), Number(check.Baseline), check.PValue is { } p ? Number(p, PFormat) : "bound", check.PBetter is { } better ? Number(better, PFormat) : string.Empty,
                check.Passed ? "[green]ok[/]" : "[red]failed[/]");
        }

        table.AddRow("finished tasks", $"{verdict.Wave.Finished}", $"{verdict.Baseline.Finished}", string.Empty, string.Empty, string.Empty);
        AnsiConsole.Write(table);
    }

    /// <summary>Tasks per hour and per kWh by version over the run, from the factory's telemetry, and the rollout decisions.</summary>
    public static async Task WriteAsync(FactoryClient client, TimeSpan span, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (throughput, outcome) = await client.ThroughputAsync(span + TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        if (throughput is null)
        {
            AnsiConsole.MarkupLine($"[red]no telemetry from the factory[/]: {Markup.Escape(outcome.Message)}");
        }
        else
        {
            var table = new Table().Title("tasks per hour and per kWh by model version (factory telemetry, per robot)")
                .AddColumns("version", "tasks/h", "tasks/kWh", "done", "failed", "clamps", "robot-h");
            foreach (var v in throughput.Versions)
            {
                table.AddRow(Markup.Escape(v.ModelVersion), Number(v.TasksPerHour, "N0"), v.TasksPerKwh is { } perKwh ? Number(perKwh, "N0") : "–",
                    $"{v.Completed}", $"{v.Failed}", $"{v.SafetyClamps}", Number(v.RobotHours, "0.000"));
            }

            AnsiConsole.Write(table);
        }

        var (decisions, _) = await client.DecisionsAsync(0, cancellationToken).ConfigureAwait(false);
        foreach (var decision in (decisions ?? []).Where(d => d.Action.StartsWith("rollout.", StringComparison.Ordinal)))
        {
            AnsiConsole.MarkupLine($"decision [bold]{Markup.Escape(decision.Action)}[/] {Markup.Escape(decision.Subject)}: {Markup.Escape(decision.Detail)}");
        }
    }

    private const string PFormat = "0.####";

    private static string Number(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);
}
