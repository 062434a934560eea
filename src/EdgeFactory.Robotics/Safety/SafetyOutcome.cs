namespace EdgeFactory.Robotics.Safety;

/// <summary>The envelope's verdict on one command and the first reason behind it.</summary>
/// <param name="Verdict">Passed, clamped or held.</param>
/// <param name="Reason">The first limit that applied; <see cref="SafetyReason.None"/> when passed.</param>
public readonly record struct SafetyOutcome(SafetyVerdict Verdict, SafetyReason Reason);
