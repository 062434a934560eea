namespace EdgeFactory.Factory.Storage;

/// <summary>A model package in the registry: its passport and signature as uploaded, and the digest that names it.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Model version.</param>
/// <param name="Digest">SHA-256 of the canonical passport, lower-case hex; desired states pin a package by it.</param>
/// <param name="Passport">passport.json as uploaded.</param>
/// <param name="Signature">passport.sig as uploaded.</param>
/// <param name="At">When it was accepted.</param>
public sealed record PackageRecord(string Name, string Version, string Digest, string Passport, string Signature, DateTimeOffset At);
