using System.CommandLine;
using System.Globalization;
using System.Text;
using EdgeFactory.Factory.Http;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Rollout.Waves;

namespace EdgeFactory.Cli.Commands.Factory;

/// <summary><c>edgefactory factory rollout start|status|promote|abort</c>: staged rollouts of a version to a group, judged on tasks per hour.</summary>
internal static class FactoryRolloutCommand
{
    public static Command Create()
    {
        var rollout = new Command("rollout", "Roll a version out to a group in waves; each wave bakes, then passes (next wave), or fails and goes back by itself.");
        rollout.Subcommands.Add(Start());
        rollout.Subcommands.Add(Status());
        rollout.Subcommands.Add(Promote());
        rollout.Subcommands.Add(Abort());
        return rollout;
    }

    private static Command Start()
    {
        var (address, actor, token) = Common();
        var model = new Option<string>("--model") { Description = "Model name.", Required = true };
        var version = new Option<string>("--version") { Description = "Version to roll out (pushed, not revoked).", Required = true };
        var site = new Option<string>("--site") { Description = "Site of the group.", Required = true };
        var group = new Option<string>("--group") { Description = "Device group (factory group add).", Required = true };
        var waves = new Option<string>("--waves") { Description = "Cumulative wave sizes: device counts or shares of the group; the last is 100%.", DefaultValueFactory = _ => "1,25%,100%" };
        var bake = new Option<TimeSpan>("--bake") { Description = "How long each wave runs before its gate is judged (30s, 10m, 2h).", DefaultValueFactory = _ => TimeSpan.FromMinutes(10), CustomParser = DurationArgument.Parse };
        var slot = new Option<string?>("--slot") { Description = "Model slot on the devices (default: the model name)." };
        var start = new Command("start", "Start a rollout: the first wave is assigned at once.") { model, version, site, group, waves, bake, slot, address, actor, token };
        start.SetAction((parse, cancellationToken) => FactoryCommand.CallAsync(parse, parse.GetValue(address)!, parse.GetValue(actor)!, parse.GetValue(token), async client =>
        {
            var (started, outcome) = await client.StartRolloutAsync(
                new RolloutStartRequest(parse.GetValue(model)!, parse.GetValue(version)!, parse.GetValue(site)!, parse.GetValue(group)!, parse.GetValue(waves)!, parse.GetValue(bake).TotalSeconds, parse.GetValue(slot)),
                cancellationToken);
            return started is null ? outcome : new RegistryOutcome(null, Describe(started));
        }));
        return start;
    }

    private static Command Status()
    {
        var (address, actor, token) = Common();
        var status = new Command("status", "Print every rollout: phase, wave, devices and the last gate's numbers.") { address, actor, token };
        status.SetAction((parse, cancellationToken) => FactoryCommand.CallAsync(parse, parse.GetValue(address)!, parse.GetValue(actor)!, parse.GetValue(token), async client =>
        {
            var (rollouts, outcome) = await client.ListRolloutsAsync(cancellationToken);
            return rollouts is null ? outcome : new RegistryOutcome(null, rollouts.Count == 0 ? "no rollouts" : string.Join(Environment.NewLine + Environment.NewLine, rollouts.Select(Describe)));
        }));
        return status;
    }

    private static Command Promote()
    {
        var (address, actor, token) = Common();
        var id = new Argument<string>("ID") { Description = "Rollout id (factory rollout status)." };
        var promote = new Command("promote", "Move a baking rollout to its next wave now, without waiting for its gate.") { id, address, actor, token };
        promote.SetAction((parse, cancellationToken) => FactoryCommand.CallAsync(parse, parse.GetValue(address)!, parse.GetValue(actor)!, parse.GetValue(token),
            client => client.PromoteRolloutAsync(parse.GetValue(id)!, cancellationToken)));
        return promote;
    }

    private static Command Abort()
    {
        var (address, actor, token) = Common();
        var id = new Argument<string>("ID") { Description = "Rollout id (factory rollout status)." };
        var reason = new Option<string>("--reason") { Description = "Why, for the decision record.", Required = true };
        var abort = new Command("abort", "Stop a rollout; every device it reached goes back to the previous version.") { id, reason, address, actor, token };
        abort.SetAction((parse, cancellationToken) => FactoryCommand.CallAsync(parse, parse.GetValue(address)!, parse.GetValue(actor)!, parse.GetValue(token),
            client => client.AbortRolloutAsync(parse.GetValue(id)!, parse.GetValue(reason)!, cancellationToken)));
        return abort;
    }

    private static string Describe(RolloutStatus rollout)
    {
        var spec = rollout.Spec;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{spec.Id}: {spec.Model} {spec.PreviousVersion} -> {spec.Version} on {spec.Site}/{spec.Group}, {rollout.Phase.ToString().ToLowerInvariant()}, wave {rollout.Wave + 1} of {spec.Waves.Count} ({string.Join(",", spec.Waves)}), bake {spec.Bake}");
        text.AppendLine().Append(CultureInfo.InvariantCulture, $"  devices: {string.Join(' ', rollout.WaveDevices)}");
        if (rollout.LastVerdict is { } verdict)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  gate: {verdict.Decision.ToString().ToLowerInvariant()}: {verdict.Summary}");
            foreach (var check in verdict.Checks)
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"    {check.Metric}: {check.Wave:0.###} vs {check.Baseline:0.###}{(check.PValue is { } p ? $" (p {p:0.####})" : string.Empty)} {(check.Passed ? "ok" : "FAILED")}");
            }
        }

        return text.ToString();
    }

    private static (Option<string> Address, Option<string> Actor, Option<string?> Token) Common() =>
        (FactoryCommand.Address(), FactoryCommand.Actor(), FactoryCommand.TokenFile());
}
