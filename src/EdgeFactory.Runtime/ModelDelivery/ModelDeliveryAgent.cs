using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;
using EdgeFactory.Mqtt;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>
/// The device side of a rollout: follows its signed desired state and the fleet revocation list, stages and verifies
/// each assigned package, installs it and swaps it into its slot, falls back to the last good version when the running
/// one is revoked, and reports what runs (and every refusal with its code) retained on <c>.../reported</c>. It handles
/// one document at a time, in arrival order.
/// </summary>
public sealed class ModelDeliveryAgent
{
    private readonly ModelDeliveryOptions _options;
    private readonly MqttClient _mqtt;
    private readonly TrustedKeys _factoryKeys;
    private readonly PackageDownloader _downloader;
    private readonly InstalledModels _installed;
    private readonly IModelSlotTarget _target;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, RunningModel> _running = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private RevokedVersions _revoked = RevokedVersions.None;
    private long _appliedRevision;
    private long _revocationRevision;

    /// <summary>Creates the agent; <paramref name="factoryKeys"/> sign desired states and revocation lists, <paramref name="passportKeys"/> sign passports.</summary>
    public ModelDeliveryAgent(ModelDeliveryOptions options, MqttClient mqtt, HttpClient http, TrustedKeys factoryKeys, TrustedKeys passportKeys, IModelSlotTarget target, TimeProvider time)
    {
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _mqtt = mqtt ?? throw new ArgumentNullException(nameof(mqtt));
        _factoryKeys = factoryKeys ?? throw new ArgumentNullException(nameof(factoryKeys));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        var verifier = new PassportVerifier(passportKeys, time);
        _downloader = new PackageDownloader(http, verifier, Path.Combine(options.Directory, "staging"), options.StagingQuotaBytes);
        _installed = new InstalledModels(options.Directory, verifier);
    }

    /// <summary>What runs in each slot now.</summary>
    public IReadOnlyCollection<RunningModel> Running => _running.Values;

    /// <summary>Loads the installed versions (verified from disk, no network), then follows the broker until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await RestoreAsync(cancellationToken).ConfigureAwait(false);
        await _mqtt.SubscribeAsync(Topics.FleetRevocations, MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        await _mqtt.SubscribeAsync(Topics.EdgeDesired(_options.Site, _options.Device), MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        await foreach (var message in _mqtt.Messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            using (message)
            {
                if (message.Topic == Topics.FleetRevocations)
                {
                    await OnRevocationsAsync(message.Payload, cancellationToken).ConfigureAwait(false);
                }
                else if (message.Topic == Topics.EdgeDesired(_options.Site, _options.Device))
                {
                    await OnDesiredAsync(message.Payload, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        foreach (var (slot, (digest, verdict)) in await _installed.ResolveAsync(Policy(null), cancellationToken).ConfigureAwait(false))
        {
            await SwapAsync(slot, digest, verdict, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task OnRevocationsAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (Read(payload, ContractsJsonContext.Default.RevocationListMessage, "revocation list") is not { } list || list.Revision <= _revocationRevision)
        {
            return;
        }

        _revocationRevision = list.Revision;
        _revoked = new RevokedVersions(list.Revoked);
        var revokedRunning = _running.Values.Where(r => _revoked.Find(r.ModelId, r.Version) is not null).Select(r => r.Slot).ToList();
        if (revokedRunning.Count == 0)
        {
            return;
        }

        var chosen = await _installed.ResolveAsync(Policy(null), cancellationToken).ConfigureAwait(false);
        foreach (var slot in revokedRunning)
        {
            var was = _running[slot];
            _running.Remove(slot);
            _problems.Add($"{slot}: {was.ModelId} {was.Version} {PassportErrorCodes.Revoked}");
            if (chosen.TryGetValue(slot, out var fallback))
            {
                await SwapAsync(slot, fallback.Digest, fallback.Verdict, cancellationToken).ConfigureAwait(false);
            }
        }

        await ReportAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task OnDesiredAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (Read(payload, ContractsJsonContext.Default.DesiredModelSetMessage, "desired state") is not { } desired
            || desired.Revision <= _appliedRevision || desired.DeviceId != _options.Device)
        {
            return;
        }

        _problems.Clear();
        foreach (var assignment in desired.Models)
        {
            if (_running.TryGetValue(assignment.Slot, out var now) && now.ModelId == assignment.ModelId && now.Version == assignment.Version)
            {
                continue;
            }

            var installedVersion = now is not null && now.ModelId == assignment.ModelId && ModelVersion.TryParse(now.Version, out var v) ? v : null;
            var policy = Policy(installedVersion) with { RollbackAllowed = assignment.Rollback == true };
            var verdict = await _downloader.StageAsync(assignment, policy, cancellationToken).ConfigureAwait(false);
            if (!verdict.MayRun)
            {
                _problems.Add($"{assignment.Slot}: {assignment.ModelId} {assignment.Version} {verdict.Code}");
                continue;
            }

            await _installed.InstallAsync(assignment.Slot, assignment.Sha256, _downloader.DirectoryOf(assignment.Sha256), cancellationToken).ConfigureAwait(false);
            await SwapAsync(assignment.Slot, assignment.Sha256, verdict, cancellationToken).ConfigureAwait(false);
        }

        _appliedRevision = desired.Revision;
        await ReportAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SwapAsync(string slot, string digest, PassportVerdict verdict, CancellationToken cancellationToken)
    {
        var passport = verdict.Passport!;
        var provider = await _target.SwapAsync(slot, _installed.DirectoryOf(digest), passport, cancellationToken).ConfigureAwait(false);
        _running[slot] = new RunningModel(slot, passport.Name, passport.Version, provider);
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        var report = new ReportedStateMessage(_options.Device, _appliedRevision, [.. _running.Values.OrderBy(r => r.Slot, StringComparer.Ordinal)], _problems.Count == 0, _time.GetUtcNow(), _problems.Count == 0 ? null : [.. _problems]);
        await _mqtt.PublishAsync(Topics.EdgeReported(_options.Site, _options.Device), JsonSerializer.SerializeToUtf8Bytes(report, ContractsJsonContext.Default.ReportedStateMessage),
            MqttQos.AtLeastOnce, retain: true, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private VerificationPolicy Policy(ModelVersion? installed) => new(_options.DeviceType, installed, RollbackAllowed: false, _revoked);

    private T? Read<T>(ReadOnlyMemory<byte> payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, string what)
        where T : class
    {
        if (SignedDocuments.Check(payload.Span, _factoryKeys) is { } refusal)
        {
            _problems.Add($"{what} refused: {refusal}");
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(payload.Span, info);
        }
        catch (JsonException)
        {
            _problems.Add($"{what} refused: {PassportErrorCodes.MalformedPassport}");
            return null;
        }
    }
}
