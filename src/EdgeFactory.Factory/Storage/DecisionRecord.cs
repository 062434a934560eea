namespace EdgeFactory.Factory.Storage;

/// <summary>One factory decision, for the audit trail: who did what to which subject, and when.</summary>
/// <param name="Sequence">Order of the decision in the store (0 before it is stored).</param>
/// <param name="At">When it was made.</param>
/// <param name="Actor">Who made it.</param>
/// <param name="Action">What was done, e.g. <c>package.pushed</c>.</param>
/// <param name="Subject">What it was done to, e.g. <c>pick-policy 1.4.0</c>.</param>
/// <param name="Detail">Further detail (a refusal's code, a reason).</param>
public sealed record DecisionRecord(long Sequence, DateTimeOffset At, string Actor, string Action, string Subject, string Detail);
