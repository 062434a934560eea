namespace EdgeFactory.Factory.Telemetry;

/// <summary>What this factory instance's ingest did, and whether it holds the rollout controller's lease.</summary>
/// <param name="Instance">Instance id.</param>
/// <param name="Stored">Windows it stored.</param>
/// <param name="Refused">Messages it did not store, by code.</param>
/// <param name="LeaseHeld">Whether it holds the lease now.</param>
/// <param name="LeaseTerm">The lease's term while held.</param>
public sealed record TelemetryIngestReport(string Instance, long Stored, IReadOnlyDictionary<string, long> Refused, bool LeaseHeld, long? LeaseTerm);
