using System.Security.Cryptography;
using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Factory.Blobs;
using EdgeFactory.Factory.Rollout;
using EdgeFactory.Factory.Storage;
using EdgeFactory.Models.Canonical;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;

namespace EdgeFactory.Factory.Registry;

/// <summary>
/// The factory's decisions: accept a package (its passport checked on arrival, every file already stored under its
/// hash), assign a version to a device, revoke a version. Each is recorded with who, what and when, and assignments and
/// revocations go to the fleet as signed, retained documents.
/// </summary>
public sealed partial class ModelRegistry
{
    private readonly IRegistryStore _store;
    private readonly BlobStore _blobs;
    private readonly PassportVerifier _verifier;
    private readonly SigningKey _key;
    private readonly IFleetPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly Func<Uri> _publicUrl;

    // One decision at a time: revisions and the documents published for them then go out in the same order.
    private readonly SemaphoreSlim _decisions = new(1, 1);

    /// <summary>Creates the registry.</summary>
    public ModelRegistry(IRegistryStore store, BlobStore blobs, TrustedKeys trusted, SigningKey key, IFleetPublisher publisher, Func<Uri> publicUrl, TimeProvider time)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _blobs = blobs ?? throw new ArgumentNullException(nameof(blobs));
        _key = key ?? throw new ArgumentNullException(nameof(key));
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _publicUrl = publicUrl ?? throw new ArgumentNullException(nameof(publicUrl));
        _verifier = new PassportVerifier(trusted, time);
        Packages = new PackageCache(store);
    }

    /// <summary>Registered packages, for downloads.</summary>
    internal PackageCache Packages { get; }

    /// <summary>The store, for reads.</summary>
    public IRegistryStore Store => _store;

    /// <summary>The blobs, for downloads.</summary>
    public BlobStore Blobs => _blobs;

    /// <summary>Accepts a package whose files are already uploaded; refuses it with a passport code, <see cref="RegistryOutcome.MissingFile"/> or <see cref="RegistryOutcome.Conflict"/>.</summary>
    public async Task<RegistryOutcome> PushAsync(string passportJson, string signatureJson, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passportJson);
        ArgumentNullException.ThrowIfNull(signatureJson);
        var revoked = new RevokedVersions(await _store.ListRevocationsAsync(cancellationToken).ConfigureAwait(false));
        var verdict = _verifier.VerifyPassport(System.Text.Encoding.UTF8.GetBytes(passportJson), System.Text.Encoding.UTF8.GetBytes(signatureJson), new VerificationPolicy(Revoked: revoked));
        var subject = verdict.Passport is { } p ? $"{p.Name} {p.Version}" : "(unreadable passport)";
        if (!verdict.MayRun)
        {
            return await RecordAsync(actor, "package.refused", subject, new RegistryOutcome(verdict.Code, verdict.Message), cancellationToken).ConfigureAwait(false);
        }

        var passport = verdict.Passport!;
        foreach (var file in passport.Files)
        {
            if (_blobs.LengthOf(file.Sha256) != file.Length)
            {
                return await RecordAsync(actor, "package.refused", subject,
                    new RegistryOutcome(RegistryOutcome.MissingFile, $"{file.Path} ({file.Sha256}, {file.Length} bytes) has not been uploaded."), cancellationToken).ConfigureAwait(false);
            }
        }

        var record = new PackageRecord(passport.Name, passport.Version, Digest(passportJson), passportJson, signatureJson, _time.GetUtcNow());
        if (!await _store.AddPackageAsync(record, cancellationToken).ConfigureAwait(false))
        {
            var existing = await _store.FindPackageAsync(passport.Name, passport.Version, cancellationToken).ConfigureAwait(false);
            return existing?.Digest == record.Digest
                ? RegistryOutcome.Ok($"{subject} is already registered.")
                : await RecordAsync(actor, "package.refused", subject, new RegistryOutcome(RegistryOutcome.Conflict, $"Another package is registered as {subject}; versions are never replaced."), cancellationToken).ConfigureAwait(false);
        }

        return await RecordAsync(actor, "package.pushed", subject, RegistryOutcome.Ok($"{subject} registered as {record.Digest}."), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Assigns a registered, unrevoked version to a device's slot and publishes the device's new signed desired state.</summary>
    public async Task<RegistryOutcome> AssignAsync(AssignmentRecord assignment, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var subject = $"{assignment.Name} {assignment.Version} -> {assignment.Site}/{assignment.Device}/{assignment.Slot}";
        await _decisions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await RefuseAssignmentAsync(assignment.Site, assignment.Device, "device", assignment.Slot, assignment.Name, assignment.Version, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                return await RecordAsync(actor, "assignment.refused", subject, refusal, cancellationToken).ConfigureAwait(false);
            }

            await _store.SetAssignmentAsync(assignment, cancellationToken).ConfigureAwait(false);
            var revision = await PublishDesiredAsync(assignment.Site, assignment.Device, cancellationToken).ConfigureAwait(false);
            return await RecordAsync(actor, "assignment.set", subject, RegistryOutcome.Ok($"{subject} (desired revision {revision})."), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _decisions.Release();
        }
    }

    /// <summary>Revokes a version fleet-wide and publishes the new signed revocation list.</summary>
    public async Task<RegistryOutcome> RevokeAsync(string name, string version, string reason, string actor, CancellationToken cancellationToken)
    {
        var subject = $"{name} {version}";
        RegistryOutcome outcome;
        await _decisions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var added = await _store.AddRevocationAsync(new ModelRevocation(name, version, reason, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            var revision = await PublishRevocationsAsync(cancellationToken).ConfigureAwait(false);
            outcome = await RecordAsync(actor, "revocation.added", subject,
                RegistryOutcome.Ok(added ? $"{subject} revoked (revocation list revision {revision})." : $"{subject} was already revoked; list republished as revision {revision}."),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _decisions.Release();
        }

        // Outside the lock: stopping a rollout assigns devices back, which takes the lock again.
        if (AfterRevocation is { } after)
        {
            await after(name, version, reason, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>Runs after every revocation (model, version, reason): the rollout controller stops rollouts of the version.</summary>
    public Func<string, string, string, CancellationToken, Task>? AfterRevocation { get; set; }

    /// <summary>Publishes the revocation list as the store has it (at start, so a lost retained message comes back).</summary>
    public async Task<long> PublishRevocationsAsync(CancellationToken cancellationToken)
    {
        var revision = await _store.NextRevisionAsync(cancellationToken).ConfigureAwait(false);
        var revoked = await _store.ListRevocationsAsync(cancellationToken).ConfigureAwait(false);
        await _publisher.PublishRevocationsAsync(FleetDocuments.Revocations(revision, revoked, _key), cancellationToken).ConfigureAwait(false);
        return revision;
    }

    /// <summary>The SHA-256 of a passport's canonical form, which names the package in desired states.</summary>
    public static string Digest(string passportJson)
    {
        using var document = JsonDocument.Parse(passportJson, CanonicalJson.ReadOptions);
        return Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Encode(document.RootElement)));
    }

    // Why an assignment cannot be made: a name that cannot be a topic level, an unknown package, a revoked version.
    private async Task<RegistryOutcome?> RefuseAssignmentAsync(string site, string target, string targetKind, string slot, string name, string version, CancellationToken cancellationToken)
    {
        if ((FleetNames.Problem("site", site) ?? FleetNames.Problem(targetKind, target) ?? FleetNames.Problem("slot", slot)) is { } problem)
        {
            return new RegistryOutcome(RegistryOutcome.InvalidRequest, problem);
        }

        if (await _store.FindPackageAsync(name, version, cancellationToken).ConfigureAwait(false) is null)
        {
            return new RegistryOutcome(RegistryOutcome.NotFound, $"{name} {version} is not registered.");
        }

        var revoked = new RevokedVersions(await _store.ListRevocationsAsync(cancellationToken).ConfigureAwait(false));
        return revoked.Find(name, version) is { } revocation
            ? new RegistryOutcome(PassportErrorCodes.Revoked, $"{name} {version} is revoked: {revocation.Reason}")
            : null;
    }

    private async Task<long> PublishDesiredAsync(string site, string device, CancellationToken cancellationToken)
    {
        var assignments = await _store.ListAssignmentsAsync(site, device, cancellationToken).ConfigureAwait(false);
        return (await PublishDesiredAsync(site, [(device, assignments)], cancellationToken).ConfigureAwait(false))[0];
    }

    // Builds, signs and publishes the desired set of each device; revisions come in one transaction and the publishes
    // are pipelined (each device has its own retained topic, so their order does not matter), so a group of a thousand
    // devices costs one write to disk and one wait for the broker, not a thousand of each.
    private async Task<IReadOnlyList<long>> PublishDesiredAsync(string site, IReadOnlyList<(string Device, IReadOnlyList<AssignmentRecord> Assignments)> devices, CancellationToken cancellationToken)
    {
        var packages = new Dictionary<(string, string), ModelAssignment>();
        var documents = new List<IReadOnlyList<ModelAssignment>>(devices.Count);
        foreach (var (_, assignments) in devices)
        {
            var models = new List<ModelAssignment>(assignments.Count);
            foreach (var a in assignments)
            {
                if (!packages.TryGetValue((a.Name, a.Version), out var model))
                {
                    var package = await _store.FindPackageAsync(a.Name, a.Version, cancellationToken).ConfigureAwait(false);
                    var uri = new Uri(_publicUrl(), $"v1/packages/{Uri.EscapeDataString(a.Name)}/{Uri.EscapeDataString(a.Version)}/").ToString();
                    packages[(a.Name, a.Version)] = model = new ModelAssignment(a.Slot, a.Name, a.Version, package!.Digest, uri, null);
                }

                models.Add(model with { Slot = a.Slot, Rollback = a.RollbackAllowed ? true : null });
            }

            documents.Add(models);
        }

        var revisions = await _store.NextRevisionsAsync(devices.Count, cancellationToken).ConfigureAwait(false);
        var publishing = new Task[devices.Count];
        for (var i = 0; i < devices.Count; i++)
        {
            publishing[i] = _publisher.PublishDesiredAsync(site, devices[i].Device, FleetDocuments.Desired(devices[i].Device, revisions[i], documents[i], _key), cancellationToken);
        }

        await Task.WhenAll(publishing).ConfigureAwait(false);
        return revisions;
    }

    private async Task<RegistryOutcome> RecordAsync(string actor, string action, string subject, RegistryOutcome outcome, CancellationToken cancellationToken)
    {
        var detail = outcome.Code is null ? outcome.Message : $"{outcome.Code}: {outcome.Message}";
        await _store.RecordAsync(new DecisionRecord(0, _time.GetUtcNow(), actor, action, subject, detail), cancellationToken).ConfigureAwait(false);
        return outcome;
    }
}
