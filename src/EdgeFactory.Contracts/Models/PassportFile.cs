namespace EdgeFactory.Contracts.Models;

/// <summary>One file of a model package.</summary>
/// <param name="Path">Relative path inside the package, '/'-separated, never leaving it.</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lower-case hex.</param>
/// <param name="Length">Length in bytes.</param>
public sealed record PassportFile(string Path, string Sha256, long Length);
