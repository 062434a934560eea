namespace EdgeFactory.Factory.Http;

/// <summary>Body of <c>POST /v1/rollouts/{id}/abort</c>.</summary>
/// <param name="Reason">Why, for the decision record.</param>
public sealed record RolloutAbortRequest(string Reason);
