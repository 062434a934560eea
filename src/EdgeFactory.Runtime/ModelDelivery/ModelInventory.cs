using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>
/// What a device's packages folder holds, read from disk alone (no broker, no factory): every installed package verified
/// again against the site's passport keys and device type, and the last status the delivery agent wrote.
/// </summary>
/// <param name="Folder">The packages folder.</param>
/// <param name="Installed">Installed packages, by slot then version.</param>
/// <param name="Status">The last status written; null before the first.</param>
public sealed record ModelInventory(string Folder, IReadOnlyList<InstalledPackage> Installed, DeliveryStatus? Status)
{
    /// <summary>Reads <paramref name="folder"/>; a folder that does not exist holds nothing.</summary>
    public static async Task<ModelInventory> ReadAsync(string folder, string passportTrust, string deviceType, TimeProvider time, CancellationToken cancellationToken)
    {
        var installed = new List<InstalledPackage>();
        var root = Path.Combine(folder, "installed");
        if (!Directory.Exists(root))
        {
            return new ModelInventory(folder, installed, DeliveryStatusFile.Read(folder));
        }

        using var keys = TrustedKeys.Load(passportTrust);
        var verifier = new PassportVerifier(keys, time);
        var slots = InstalledModels.ReadTable(folder);
        var policy = new VerificationPolicy(deviceType, null, RollbackAllowed: false, RevokedVersions.None);
        foreach (var package in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var digest = Path.GetFileName(package);
            var verdict = await verifier.VerifyAsync(package, policy, cancellationToken).ConfigureAwait(false);
            var slot = slots.FirstOrDefault(s => s.Current == digest || s.Previous.Contains(digest));
            installed.Add(new InstalledPackage(
                digest, verdict.Passport?.Name ?? string.Empty, verdict.Passport?.Version ?? string.Empty, slot?.Slot, slot?.Current == digest, verdict.MayRun ? null : verdict.Code));
        }

        var ordered = installed.OrderBy(p => p.Slot, StringComparer.Ordinal).ThenBy(p => p.ModelId, StringComparer.Ordinal).ThenBy(p => p.Version, StringComparer.Ordinal).ToList();
        return new ModelInventory(folder, ordered, DeliveryStatusFile.Read(folder));
    }
}
