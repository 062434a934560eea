namespace EdgeFactory.Factory.Storage;

/// <summary>Who holds a named lease, until when, and its term (raised each time the lease changes hands).</summary>
/// <param name="Name">Lease, e.g. <c>rollout-controller</c>.</param>
/// <param name="Holder">Instance holding it.</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
/// <param name="Term">Increases by one each time another holder takes it: work stamped with an older term is stale.</param>
public sealed record LeaseRecord(string Name, string Holder, DateTimeOffset ExpiresAt, long Term);
