using System.Collections.Concurrent;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Registry;

/// <summary>
/// Registered packages by name and version, each read from the store and parsed once: a version is never replaced or
/// removed, so what was found stays true, and a fleet downloading one package costs no query per request.
/// </summary>
internal sealed class PackageCache(IRegistryStore store)
{
    private readonly ConcurrentDictionary<(string Name, string Version), RegisteredPackage> _found = new();

    /// <summary>The package, or null when it is not registered (not remembered: it may be pushed later).</summary>
    public async ValueTask<RegisteredPackage?> FindAsync(string name, string version, CancellationToken cancellationToken)
    {
        if (_found.TryGetValue((name, version), out var known))
        {
            return known;
        }

        if (await store.FindPackageAsync(name, version, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        var passport = JsonSerializer.Deserialize(record.Passport, ContractsJsonContext.Default.ModelPassport)!;
        return _found.GetOrAdd((name, version), new RegisteredPackage(record, passport.Files.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal)));
    }
}
