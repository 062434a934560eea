namespace EdgeFactory.Testing.Fuzzing;

/// <summary>One generated message: where it goes, its bytes, and which mutations made it (for a failure message).</summary>
/// <param name="IsCancel">Sent to a cancel topic rather than the submit topic.</param>
/// <param name="TopicTaskId">Task id of the cancel topic (always a valid topic segment).</param>
/// <param name="Payload">The bytes.</param>
/// <param name="Mutations">What was done to the example, e.g. <c>task-submit#0 type-swap invalid-utf8</c>.</param>
public sealed record FuzzCase(bool IsCancel, string TopicTaskId, byte[] Payload, string Mutations);
