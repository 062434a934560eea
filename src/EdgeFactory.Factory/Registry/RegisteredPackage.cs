using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Registry;

/// <summary>A registered package as downloads need it: its record and the SHA-256 of each file by path.</summary>
/// <param name="Record">The stored package.</param>
/// <param name="Files">Each file's SHA-256 (its blob's name), by path in the package.</param>
internal sealed record RegisteredPackage(PackageRecord Record, IReadOnlyDictionary<string, string> Files);
