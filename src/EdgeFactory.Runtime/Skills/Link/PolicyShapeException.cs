namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>A policy's model does not fit the controller it drives (observation size, action shape, step period).</summary>
public sealed class PolicyShapeException(string message) : Exception(message);
