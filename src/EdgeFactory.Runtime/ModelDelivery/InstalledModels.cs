using System.Text.Json;
using EdgeFactory.Models.Packages;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>
/// The device's verified packages (<c>installed/DIGEST/</c>) and which one each slot runs (<c>slots.json</c>). A
/// package enters by a rename from staging after it verified; the slot table is replaced by writing a temporary file,
/// flushing it and renaming it, so a device killed at any point comes back on either the old or the new table, and
/// every package it names is verified again from disk before it is loaded: no network is needed to restart.
/// </summary>
public sealed class InstalledModels
{
    private const int KeptVersions = 3;
    private readonly string _root;
    private readonly string _table;
    private readonly PassportVerifier _verifier;
    private Dictionary<string, InstalledSlot> _slots;

    /// <summary>Opens the installed packages under <paramref name="directory"/>.</summary>
    public InstalledModels(string directory, PassportVerifier verifier)
    {
        _root = Path.Combine(Path.GetFullPath(directory), "installed");
        _table = Path.Combine(Path.GetFullPath(directory), "slots.json");
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        Directory.CreateDirectory(_root);
        _slots = Read(_table).ToDictionary(s => s.Slot, StringComparer.Ordinal);
    }

    /// <summary>Every slot's entry.</summary>
    public IReadOnlyCollection<InstalledSlot> Slots => _slots.Values;

    /// <summary>Folder of an installed package.</summary>
    public string DirectoryOf(string digest) => Path.Combine(_root, digest);

    /// <summary>Moves a verified staged package in and makes it the slot's current one; the previous one stays as a fallback.</summary>
    public async Task InstallAsync(string slot, string digest, string stagedDirectory, CancellationToken cancellationToken)
    {
        var target = DirectoryOf(digest);
        if (!Directory.Exists(target))
        {
            Directory.Move(stagedDirectory, target);
        }

        var previous = _slots.TryGetValue(slot, out var old) && old.Current != digest
            ? new[] { old.Current }.Concat(old.Previous).Where(d => d != digest).Take(KeptVersions).ToList()
            : old?.Previous.ToList() ?? [];
        await WriteAsync(new Dictionary<string, InstalledSlot>(_slots) { [slot] = new InstalledSlot(slot, digest, previous) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes <paramref name="digest"/> out of <paramref name="slot"/>'s table (a slot that would not load it, or a revoked
    /// version with nothing verified to fall back to); when it was current, the newest earlier one becomes current, and a
    /// slot left with none is dropped, so the next start runs the site's own model there.
    /// </summary>
    public async Task WithdrawAsync(string slot, string digest, CancellationToken cancellationToken)
    {
        if (!_slots.TryGetValue(slot, out var entry))
        {
            return;
        }

        var left = new[] { entry.Current }.Concat(entry.Previous).Where(d => d != digest).ToList();
        var table = new Dictionary<string, InstalledSlot>(_slots);
        if (left.Count == 0)
        {
            table.Remove(slot);
        }
        else
        {
            table[slot] = new InstalledSlot(slot, left[0], left.Skip(1).ToList());
        }

        await WriteAsync(table, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The package each slot should run, each verified again from disk against <paramref name="policy"/>: the current
    /// one, or, when it is refused (revoked, tampered, expired), the newest earlier one that passes. A slot with none
    /// that passes is left out. The table is rewritten when a slot fell back.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (string Digest, PassportVerdict Verdict)>> ResolveAsync(VerificationPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var chosen = new Dictionary<string, (string, PassportVerdict)>(StringComparer.Ordinal);
        var table = new Dictionary<string, InstalledSlot>(_slots);
        var fellBack = false;
        foreach (var entry in _slots.Values)
        {
            var candidates = new[] { entry.Current }.Concat(entry.Previous).ToList();
            for (var i = 0; i < candidates.Count; i++)
            {
                // A fallback is older by construction: going back to it is what the fallback is for.
                var verdict = await _verifier.VerifyAsync(DirectoryOf(candidates[i]), policy with { InstalledVersion = null }, cancellationToken).ConfigureAwait(false);
                if (verdict.MayRun)
                {
                    chosen[entry.Slot] = (candidates[i], verdict);
                    if (i > 0)
                    {
                        table[entry.Slot] = new InstalledSlot(entry.Slot, candidates[i], candidates.Skip(i + 1).ToList());
                        fellBack = true;
                    }

                    break;
                }
            }
        }

        if (fellBack)
        {
            await WriteAsync(table, cancellationToken).ConfigureAwait(false);
        }

        return chosen;
    }

    private Task WriteAsync(Dictionary<string, InstalledSlot> slots, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.Replace(_table, JsonSerializer.SerializeToUtf8Bytes(slots.Values.ToList(), InstalledJson.Default.ListInstalledSlot));
        _slots = slots;
        return Task.CompletedTask;
    }

    /// <summary>The slot table of the packages folder <paramref name="directory"/>; empty when there is none.</summary>
    internal static IReadOnlyList<InstalledSlot> ReadTable(string directory) => Read(Path.Combine(Path.GetFullPath(directory), "slots.json"));

    private static List<InstalledSlot> Read(string table)
    {
        if (!File.Exists(table))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(table), InstalledJson.Default.ListInstalledSlot) ?? [];
        }
        catch (JsonException)
        {
            // Written only by rename of a flushed file; a table that does not parse was damaged outside EdgeFactory.
            return [];
        }
    }
}
