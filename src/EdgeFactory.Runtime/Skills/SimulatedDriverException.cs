namespace EdgeFactory.Runtime.Skills;

/// <summary>A simulated robot driver crashed (its <c>crash_rate</c> came up); exercises supervision.</summary>
public sealed class SimulatedDriverException(string message) : Exception(message);
