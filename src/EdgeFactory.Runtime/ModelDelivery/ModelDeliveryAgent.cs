using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;
using EdgeFactory.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>
/// The device side of a rollout: follows its signed desired state and the fleet revocation list, stages and verifies
/// each assigned package, installs it and swaps it into its slot, falls back to the last good version (or the slot's
/// own model) when the running one is revoked, and reports what runs (and every refusal with its code) retained on
/// <c>.../reported</c> and in <c>status.json</c>. It handles one document at a time, in arrival order.
/// </summary>
public sealed class ModelDeliveryAgent
{
    private static readonly TimeSpan RetryMost = TimeSpan.FromMinutes(5);
    private readonly ModelDeliveryOptions _options;
    private readonly MqttClient _mqtt;
    private readonly TrustedKeys _factoryKeys;
    private readonly PackageDownloader _downloader;
    private readonly InstalledModels _installed;
    private readonly IModelSlotTarget _target;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, RunningModel> _running = new(StringComparer.Ordinal);
    private readonly List<DeliveryRefusal> _refused = [];
    private RevokedVersions _revoked = RevokedVersions.None;
    private long _appliedRevision;
    private long _revocationRevision;
    private DesiredModelSetMessage? _retry;
    private TimeSpan _retryDelay;

    /// <summary>Creates the agent; <paramref name="factoryKeys"/> sign desired states and revocation lists, <paramref name="passportKeys"/> sign passports.</summary>
    public ModelDeliveryAgent(ModelDeliveryOptions options, MqttClient mqtt, HttpClient http, TrustedKeys factoryKeys, TrustedKeys passportKeys, IModelSlotTarget target, TimeProvider time, ILogger? logger = null)
    {
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _mqtt = mqtt ?? throw new ArgumentNullException(nameof(mqtt));
        _factoryKeys = factoryKeys ?? throw new ArgumentNullException(nameof(factoryKeys));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger.Instance;
        var verifier = new PassportVerifier(passportKeys, time);
        _downloader = new PackageDownloader(http, verifier, Path.Combine(options.Directory, "staging"), options.StagingQuotaBytes);
        _installed = new InstalledModels(options.Directory, verifier);
        _retryDelay = options.DownloadRetry;
    }

    /// <summary>What runs in each slot now.</summary>
    public IReadOnlyCollection<RunningModel> Running => _running.Values;

    /// <summary>Loads the installed versions (verified from disk, no network), then follows the broker until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await RestoreAsync(cancellationToken).ConfigureAwait(false);
        await FollowAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Swaps each slot's installed version in, each verified again from disk; needs no network.</summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        foreach (var (slot, (digest, verdict)) in await _installed.ResolveAsync(Policy(null), cancellationToken).ConfigureAwait(false))
        {
            if (await SwapAsync(slot, digest, verdict, cancellationToken).ConfigureAwait(false))
            {
                DeliveryLog.Restored(_logger, slot, verdict.Passport!.Name, verdict.Passport.Version);
            }
        }

        await WriteStatusAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Subscribes to the revocation list and the device's desired state on a connected client and handles them until
    /// cancelled. A desired state whose download failed is applied again after a wait (resuming the partial files).
    /// </summary>
    public async Task FollowAsync(CancellationToken cancellationToken)
    {
        await _mqtt.SubscribeAsync(Topics.FleetRevocations, MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        await _mqtt.SubscribeAsync(Topics.EdgeDesired(_options.Site, _options.Device), MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        var messages = _mqtt.Messages;
        while (true)
        {
            if (_retry is { } again)
            {
                using var timer = new CancellationTokenSource(_retryDelay, _time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
                try
                {
                    if (!await messages.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    _retryDelay = TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * 2, RetryMost.Ticks));
                    await ApplyAsync(again, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            else if (!await messages.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            while (messages.TryRead(out var message))
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
    }

    private async Task OnRevocationsAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (Read(payload, ContractsJsonContext.Default.RevocationListMessage, "revocation list") is not { } list || list.Revision <= _revocationRevision)
        {
            return;
        }

        _revocationRevision = list.Revision;
        _revoked = new RevokedVersions(list.Revoked);
        var revokedRunning = _running.Values.Where(r => _revoked.Find(r.ModelId, r.Version) is not null).ToList();
        if (revokedRunning.Count == 0)
        {
            return;
        }

        var chosen = await _installed.ResolveAsync(Policy(null), cancellationToken).ConfigureAwait(false);
        foreach (var was in revokedRunning)
        {
            DeliveryLog.Revoked(_logger, was.Slot, was.ModelId, was.Version);
            _running.Remove(was.Slot);
            Refuse(new DeliveryRefusal(was.Slot, was.ModelId, was.Version, PassportErrorCodes.Revoked, "revoked while it ran"));
            if (!chosen.TryGetValue(was.Slot, out var fallback) || !await SwapAsync(was.Slot, fallback.Digest, fallback.Verdict, cancellationToken).ConfigureAwait(false))
            {
                await ResetAsync(was.Slot, cancellationToken).ConfigureAwait(false);
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

        _retryDelay = _options.DownloadRetry;
        await ApplyAsync(desired, cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyAsync(DesiredModelSetMessage desired, CancellationToken cancellationToken)
    {
        _refused.Clear();
        foreach (var assigned in desired.Models)
        {
            if (_running.TryGetValue(assigned.Slot, out var now) && now.ModelId == assigned.ModelId && now.Version == assigned.Version)
            {
                continue;
            }

            var assignment = _options.Factory is { } factory ? assigned with { Uri = Rebase(assigned.Uri, factory) } : assigned;
            var installedVersion = now is not null && now.ModelId == assignment.ModelId && ModelVersion.TryParse(now.Version, out var v) ? v : null;
            var policy = Policy(installedVersion) with { RollbackAllowed = assignment.Rollback == true };
            DeliveryLog.Staging(_logger, assignment.Slot, assignment.ModelId, assignment.Version);
            var verdict = await _downloader.StageAsync(assignment, policy, cancellationToken).ConfigureAwait(false);
            if (!verdict.MayRun)
            {
                Refuse(new DeliveryRefusal(assignment.Slot, assignment.ModelId, assignment.Version, verdict.Code!, verdict.Message));
                continue;
            }

            DeliveryLog.Installing(_logger, assignment.Slot, assignment.ModelId, assignment.Version);
            await _installed.InstallAsync(assignment.Slot, assignment.Sha256, _downloader.DirectoryOf(assignment.Sha256), cancellationToken).ConfigureAwait(false);
            if (!await SwapAsync(assignment.Slot, assignment.Sha256, verdict, cancellationToken).ConfigureAwait(false))
            {
                // The slot keeps what it ran; the table must not name a package the slot would not load.
                await _installed.WithdrawAsync(assignment.Slot, assignment.Sha256, cancellationToken).ConfigureAwait(false);
            }
        }

        _appliedRevision = desired.Revision;
        _retry = _refused.Exists(r => r.Code == DeliveryRefusals.DownloadFailed) ? desired : null;
        await ReportAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> SwapAsync(string slot, string digest, PassportVerdict verdict, CancellationToken cancellationToken)
    {
        var passport = verdict.Passport!;
        try
        {
            var provider = await _target.SwapAsync(slot, _installed.DirectoryOf(digest), passport, cancellationToken).ConfigureAwait(false);
            _running[slot] = new RunningModel(slot, passport.Name, passport.Version, provider);
            DeliveryLog.Running(_logger, slot, passport.Name, passport.Version, provider);
            return true;
        }
        catch (ModelSlotRefusedException e)
        {
            Refuse(new DeliveryRefusal(slot, passport.Name, passport.Version, e.Code, e.Message));
            return false;
        }
    }

    // No verified delivered version is left: the slot goes back to the model the site names, and the table forgets the slot.
    private async Task ResetAsync(string slot, CancellationToken cancellationToken)
    {
        foreach (var entry in _installed.Slots.Where(s => s.Slot == slot).ToList())
        {
            foreach (var digest in new[] { entry.Current }.Concat(entry.Previous))
            {
                await _installed.WithdrawAsync(slot, digest, cancellationToken).ConfigureAwait(false);
            }
        }

        try
        {
            var running = await _target.ResetAsync(slot, cancellationToken).ConfigureAwait(false);
            _running[slot] = running;
            DeliveryLog.Running(_logger, slot, running.ModelId, running.Version, running.ExecutionProvider);
        }
        catch (ModelSlotRefusedException e)
        {
            Refuse(new DeliveryRefusal(slot, slot, string.Empty, e.Code, e.Message));
        }
    }

    private void Refuse(DeliveryRefusal refusal)
    {
        DeliveryLog.Refused(_logger, refusal.Slot, refusal.ModelId, refusal.Version, refusal.Code, refusal.Detail);
        _refused.Add(refusal);
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        var running = _running.Values.OrderBy(r => r.Slot, StringComparer.Ordinal).ToList();
        var problems = _refused.Select(r => r.ToString()).ToList();
        var report = new ReportedStateMessage(_options.Device, _appliedRevision, running, problems.Count == 0, _time.GetUtcNow(), problems.Count == 0 ? null : problems);
        await WriteStatusAsync(cancellationToken).ConfigureAwait(false);
        await _mqtt.PublishAsync(Topics.EdgeReported(_options.Site, _options.Device), JsonSerializer.SerializeToUtf8Bytes(report, ContractsJsonContext.Default.ReportedStateMessage),
            MqttQos.AtLeastOnce, retain: true, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private Task WriteStatusAsync(CancellationToken cancellationToken) => DeliveryStatusFile.WriteAsync(
        _options.Directory,
        new DeliveryStatus(_options.Device, _appliedRevision, [.. _running.Values.OrderBy(r => r.Slot, StringComparer.Ordinal)], [.. _refused], _time.GetUtcNow()),
        cancellationToken);

    private VerificationPolicy Policy(ModelVersion? installed) => new(_options.DeviceType, installed, RollbackAllowed: false, _revoked);

    private static string Rebase(string uri, Uri factory) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var given)
            ? new UriBuilder(given) { Scheme = factory.Scheme, Host = factory.Host, Port = factory.Port }.Uri.ToString()
            : new Uri(factory, uri).ToString();

    private T? Read<T>(ReadOnlyMemory<byte> payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, string what)
        where T : class
    {
        if (SignedDocuments.Check(payload.Span, _factoryKeys) is { } refusal)
        {
            DeliveryLog.DocumentRefused(_logger, what, refusal);
            _refused.Add(new DeliveryRefusal(string.Empty, what, string.Empty, refusal, null));
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(payload.Span, info);
        }
        catch (JsonException)
        {
            DeliveryLog.DocumentRefused(_logger, what, PassportErrorCodes.MalformedPassport);
            _refused.Add(new DeliveryRefusal(string.Empty, what, string.Empty, PassportErrorCodes.MalformedPassport, null));
            return null;
        }
    }
}
