using System.Globalization;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Rollout.Gates;

namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>
/// Staged rollouts: assigns a version to a group wave by wave, lets each wave bake, judges it against the same devices'
/// baseline on the previous version (<see cref="WaveGate"/>), and then moves to the next wave, completes, or rolls the
/// wave back by itself. People start, promote and abort; a revocation of the version aborts at once. Every decision
/// goes to the factory's record with its numbers. One controller acts at a time (the factory holds a lease for it);
/// within a process, one operation at a time.
/// </summary>
public sealed class RolloutController
{
    /// <summary>Code when a rollout request cannot work (bad waves, no bake, no common previous version).</summary>
    public const string Invalid = "invalid_rollout";

    private readonly IRolloutLedger _ledger;
    private readonly IRolloutFleet _fleet;
    private readonly IRolloutSamples _samples;
    private readonly RolloutOptions _options;
    private readonly WaveGate _gate;

    // A wave still baking is judged at every tick too, but may only fail, on a significance test, at a tenth of the level:
    // looking again and again would otherwise find a "worse" wave by chance far more often than the level says.
    private const double EarlyAlphaShare = 0.1;
    private readonly WaveGate _earlyGate;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Creates a controller over the given ledger, fleet and telemetry.</summary>
    public RolloutController(IRolloutLedger ledger, IRolloutFleet fleet, IRolloutSamples samples, RolloutOptions options, TimeProvider time)
    {
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _fleet = fleet ?? throw new ArgumentNullException(nameof(fleet));
        _samples = samples ?? throw new ArgumentNullException(nameof(samples));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _gate = new WaveGate(_options.Gate);
        _earlyGate = new WaveGate(_options.Gate with { Alpha = _options.Gate.Alpha * EarlyAlphaShare });
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Starts a rollout: checks the request, assigns the first wave, records the decision.</summary>
    public async Task<(RegistryOutcome Outcome, RolloutStatus? Rollout)> StartAsync(RolloutRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IReadOnlyList<WaveSize> waves;
            try
            {
                waves = WaveSize.ParseList(request.Waves);
            }
            catch (FormatException e)
            {
                return (new RegistryOutcome(Invalid, e.Message), null);
            }

            if (request.Bake <= TimeSpan.Zero)
            {
                return (new RegistryOutcome(Invalid, "A rollout needs a positive bake time (e.g. --bake 10m)."), null);
            }

            var slot = request.Slot ?? request.Model;
            var existing = await _ledger.ListRolloutsAsync(cancellationToken).ConfigureAwait(false);
            if (existing.FirstOrDefault(r => r.Phase is RolloutPhase.Baking or RolloutPhase.RolledBack && r.Spec.Site == request.Site && r.Spec.Group == request.Group && r.Spec.Slot == slot) is { } busy)
            {
                return (new RegistryOutcome(RegistryOutcome.Conflict, $"Rollout {busy.Spec.Id} ({busy.Spec.Model} {busy.Spec.Version}) is still {Phase(busy.Phase)} on {request.Site}/{request.Group}; abort it first."), null);
            }

            var group = await _fleet.DevicesAsync(request.Site, request.Group, cancellationToken).ConfigureAwait(false);
            if (group.Count == 0)
            {
                return (new RegistryOutcome(RegistryOutcome.NotFound, $"Group {request.Group} at {request.Site} has no devices."), null);
            }

            var previous = new HashSet<string?>();
            foreach (var device in group)
            {
                previous.Add(await _fleet.AssignedVersionAsync(request.Site, device, slot, cancellationToken).ConfigureAwait(false));
            }

            if (previous.Count != 1 || previous.Single() is not { } previousVersion || previousVersion == request.Version)
            {
                return (new RegistryOutcome(Invalid, $"Every device of {request.Site}/{request.Group} must run one earlier version of {request.Model} in slot {slot} (the baseline, and what a failed wave goes back to); they run {string.Join(", ", previous.Select(v => v ?? "nothing"))}."), null);
            }

            var now = _time.GetUtcNow();
            var id = $"{request.Model}-{request.Version}-{now:yyyyMMddHHmmss}";
            var spec = new RolloutSpec(id, request.Model, request.Version, previousVersion, request.Site, request.Group, slot, waves, request.Bake, actor, now);
            var devices = WavePlan.DevicesOf(id, waves, 0, group);
            foreach (var device in devices)
            {
                var outcome = await _fleet.AssignAsync(spec.Site, device, slot, spec.Model, spec.Version, rollback: false, actor, cancellationToken).ConfigureAwait(false);
                if (!outcome.Succeeded)
                {
                    return (outcome, null);
                }
            }

            var status = new RolloutStatus(spec, RolloutPhase.Baking, 0, now, devices, null, now);
            await _ledger.SaveRolloutAsync(status, cancellationToken).ConfigureAwait(false);
            await _fleet.RecordAsync(actor, "rollout.started", Subject(spec),
                Say($"waves {string.Join(",", waves)}, bake {spec.Bake}, from {previousVersion}; wave 1 on {string.Join(", ", devices)}"), cancellationToken).ConfigureAwait(false);
            return (new RegistryOutcome(null, $"Rollout {id} started: wave 1 of {waves.Count} on {devices.Count} of {group.Count} devices."), status);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>
    /// Judges every baking wave whose bake time is over, and rolls back one still baking that is already clearly worse
    /// (significant at a tenth of the gate's level): a bad canary does not run for the rest of its bake. Returns how
    /// many rollouts changed.
    /// </summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changed = 0;
            var now = _time.GetUtcNow();
            foreach (var status in await _ledger.ListRolloutsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (status.Active && await JudgeAsync(status, now, bakeOver: now - status.WaveStartedAt >= status.Spec.Bake, cancellationToken).ConfigureAwait(false))
                {
                    changed++;
                }
            }

            return changed;
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Moves a rollout to its next wave (or completes it) without waiting for the gate.</summary>
    public async Task<RegistryOutcome> PromoteAsync(string id, string actor, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await _ledger.FindRolloutAsync(id, cancellationToken).ConfigureAwait(false) is not { } status)
            {
                return new RegistryOutcome(RegistryOutcome.NotFound, $"No rollout {id}.");
            }

            if (!RolloutLifecycle.TryNext(status, RolloutTrigger.Promote, out var next))
            {
                return new RegistryOutcome(RegistryOutcome.Conflict, $"Rollout {id} is {Phase(status.Phase)}; only a baking rollout can be promoted.");
            }

            var advanced = await AdvanceAsync(status, next, _time.GetUtcNow(), null, actor, cancellationToken).ConfigureAwait(false);
            await _fleet.RecordAsync(actor, "rollout.promoted", Subject(status.Spec), Describe(advanced), cancellationToken).ConfigureAwait(false);
            return new RegistryOutcome(null, Describe(advanced));
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Stops a rollout and puts every device it reached back on the previous version.</summary>
    public async Task<RegistryOutcome> AbortAsync(string id, string actor, string reason, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _ledger.FindRolloutAsync(id, cancellationToken).ConfigureAwait(false) is { } status
                ? await AbortLockedAsync(status, actor, reason, cancellationToken).ConfigureAwait(false)
                : new RegistryOutcome(RegistryOutcome.NotFound, $"No rollout {id}.");
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Aborts every unfinished rollout of a revoked version at once.</summary>
    public async Task<int> StopRolloutsOfAsync(string model, string version, string reason, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stopped = 0;
            foreach (var status in await _ledger.ListRolloutsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (status.Spec.Model == model && status.Spec.Version == version && status.Phase is RolloutPhase.Baking or RolloutPhase.RolledBack)
                {
                    await AbortLockedAsync(status, _options.Actor, $"{model} {version} revoked: {reason}", cancellationToken).ConfigureAwait(false);
                    stopped++;
                }
            }

            return stopped;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<bool> JudgeAsync(RolloutStatus status, DateTimeOffset now, bool bakeOver, CancellationToken cancellationToken)
    {
        var spec = status.Spec;
        var wave = await _samples.SampleAsync(spec.Site, status.WaveDevices, spec.Model, spec.Version, status.WaveStartedAt, now, cancellationToken).ConfigureAwait(false);
        var baseline = await _samples.SampleAsync(spec.Site, status.WaveDevices, spec.Model, spec.PreviousVersion, status.WaveStartedAt - _options.BaselineLookback, status.WaveStartedAt, cancellationToken).ConfigureAwait(false);
        var (waveSum, baselineSum) = Matched(wave, baseline);
        var verdict = bakeOver ? _gate.Evaluate(waveSum, baselineSum) : _earlyGate.Evaluate(waveSum, baselineSum);
        if (!bakeOver && (verdict.Decision != GateDecision.Fail || !verdict.Checks.Any(c => !c.Passed && c.PValue is not null)))
        {
            // Before the bake is over only a significance test may end it: the latency bound has no level to lower.
            return false;
        }

        switch (verdict.Decision)
        {
            case GateDecision.Wait:
                var first = status.LastVerdict?.Decision != GateDecision.Wait;
                await _ledger.SaveRolloutAsync(status with { LastVerdict = verdict, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
                if (first)
                {
                    await _fleet.RecordAsync(_options.Actor, "rollout.gate.waiting", Subject(spec), Say($"wave {status.Wave + 1}: {verdict.Summary}"), cancellationToken).ConfigureAwait(false);
                }

                return first;

            case GateDecision.Pass:
                RolloutLifecycle.TryNext(status, RolloutTrigger.GatePassed, out var next);
                var advanced = await AdvanceAsync(status, next, now, verdict, _options.Actor, cancellationToken).ConfigureAwait(false);
                await _fleet.RecordAsync(_options.Actor, advanced.Phase == RolloutPhase.Completed ? "rollout.completed" : "rollout.wave.passed", Subject(spec),
                    Say($"wave {status.Wave + 1} {Numbers(verdict)}; {Describe(advanced)}"), cancellationToken).ConfigureAwait(false);
                return true;

            default:
                foreach (var device in status.WaveDevices)
                {
                    await _fleet.AssignAsync(spec.Site, device, spec.Slot, spec.Model, spec.PreviousVersion, rollback: true, _options.Actor, cancellationToken).ConfigureAwait(false);
                }

                RolloutLifecycle.TryNext(status, RolloutTrigger.GateFailed, out var rolledBack);
                await _ledger.SaveRolloutAsync(status with { Phase = rolledBack, LastVerdict = verdict, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
                await _fleet.RecordAsync(_options.Actor, "rollout.rolled_back", Subject(spec),
                    Say($"wave {status.Wave + 1} {Numbers(verdict)}; {status.WaveDevices.Count} device(s) back on {spec.PreviousVersion}{(bakeOver ? "" : $", {(now - status.WaveStartedAt).TotalSeconds:0} s into a bake of {spec.Bake.TotalSeconds:0} s")}"), cancellationToken).ConfigureAwait(false);
                return true;
        }
    }

    private async Task<RolloutStatus> AdvanceAsync(RolloutStatus status, RolloutPhase next, DateTimeOffset now, GateVerdict? verdict, string actor, CancellationToken cancellationToken)
    {
        var spec = status.Spec;
        var advanced = status with { Phase = next, LastVerdict = verdict ?? status.LastVerdict, UpdatedAt = now };
        if (next == RolloutPhase.Baking)
        {
            var group = await _fleet.DevicesAsync(spec.Site, spec.Group, cancellationToken).ConfigureAwait(false);
            var devices = WavePlan.DevicesOf(spec.Id, spec.Waves, status.Wave + 1, group.Union(status.WaveDevices, StringComparer.Ordinal));
            foreach (var device in devices.Except(status.WaveDevices, StringComparer.Ordinal))
            {
                await _fleet.AssignAsync(spec.Site, device, spec.Slot, spec.Model, spec.Version, rollback: false, actor, cancellationToken).ConfigureAwait(false);
            }

            advanced = advanced with { Wave = status.Wave + 1, WaveStartedAt = now, WaveDevices = devices };
        }

        await _ledger.SaveRolloutAsync(advanced, cancellationToken).ConfigureAwait(false);
        return advanced;
    }

    private async Task<RegistryOutcome> AbortLockedAsync(RolloutStatus status, string actor, string reason, CancellationToken cancellationToken)
    {
        if (!RolloutLifecycle.TryNext(status, RolloutTrigger.Abort, out var aborted))
        {
            return new RegistryOutcome(RegistryOutcome.Conflict, $"Rollout {status.Spec.Id} is already {Phase(status.Phase)}.");
        }

        var spec = status.Spec;
        foreach (var device in status.WaveDevices)
        {
            await _fleet.AssignAsync(spec.Site, device, spec.Slot, spec.Model, spec.PreviousVersion, rollback: true, actor, cancellationToken).ConfigureAwait(false);
        }

        await _ledger.SaveRolloutAsync(status with { Phase = aborted, UpdatedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        var detail = Say($"{reason}; {status.WaveDevices.Count} device(s) back on {spec.PreviousVersion}");
        await _fleet.RecordAsync(actor, "rollout.aborted", Subject(spec), detail, cancellationToken).ConfigureAwait(false);
        return new RegistryOutcome(null, $"Rollout {spec.Id} aborted: {detail}.");
    }

    // Only robots (and task types) present on both sides count, so a wave is never judged on work its baseline never did.
    private static (RolloutSample Wave, RolloutSample Baseline) Matched(IReadOnlyDictionary<string, RolloutSample> wave, IReadOnlyDictionary<string, RolloutSample> baseline)
    {
        var (w, b) = (RolloutSample.Empty, RolloutSample.Empty);
        foreach (var (key, sample) in wave)
        {
            if (baseline.TryGetValue(key, out var before))
            {
                (w, b) = (w.Add(sample), b.Add(before));
            }
        }

        return (w, b);
    }

    private static string Describe(RolloutStatus status) => status.Phase == RolloutPhase.Completed
        ? $"rollout {status.Spec.Id} completed: the whole group runs {status.Spec.Version}"
        : $"rollout {status.Spec.Id} on wave {status.Wave + 1} of {status.Spec.Waves.Count} ({status.WaveDevices.Count} device(s))";

    // Each p-value named by its hypothesis: a bare "p" beside "tasks per hour rose, p = 0.04" read as a contradiction
    // when it was the p-value of "fell".
    private static string Numbers(GateVerdict verdict) =>
        verdict.Summary + " [" + string.Join("; ", verdict.Checks.Select(c => Say(
            $"{c.Metric} {c.Wave:0.###} vs {c.Baseline:0.###}{(c.PValue is { } p ? $" p(worse)={p:0.####}" : string.Empty)}{(c.PBetter is { } b ? $" p(better)={b:0.####}" : string.Empty)}"))) + "]";

    private static string Subject(RolloutSpec spec) => $"{spec.Model} {spec.Version} -> {spec.Site}/{spec.Group} ({spec.Id})";

    private static string Phase(RolloutPhase phase) => phase switch
    {
        RolloutPhase.Baking => "baking",
        RolloutPhase.RolledBack => "rolled back",
        RolloutPhase.Completed => "completed",
        _ => "aborted",
    };

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
