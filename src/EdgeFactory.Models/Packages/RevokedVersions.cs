using System.Collections.Frozen;
using EdgeFactory.Contracts.Devices;

namespace EdgeFactory.Models.Packages;

/// <summary>An immutable set of revoked model versions, built from a verified revocation list.</summary>
public sealed class RevokedVersions
{
    private readonly FrozenDictionary<(string Model, string Version), ModelRevocation> _revoked;

    /// <summary>Creates the set.</summary>
    public RevokedVersions(IEnumerable<ModelRevocation> revoked)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        _revoked = revoked.GroupBy(r => (r.ModelId, r.Version)).ToFrozenDictionary(g => g.Key, g => g.First());
    }

    /// <summary>The empty set.</summary>
    public static RevokedVersions None { get; } = new([]);

    /// <summary>How many versions are revoked.</summary>
    public int Count => _revoked.Count;

    /// <summary>The revocation of <paramref name="model"/> <paramref name="version"/>, if there is one.</summary>
    public ModelRevocation? Find(string model, string version) => _revoked.GetValueOrDefault((model, version));
}
