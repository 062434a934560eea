namespace EdgeFactory.Runtime.Execution;

/// <summary>A simulated robot driver crashed (its <c>crash_rate</c> came up); exercises supervision.</summary>
public sealed class SimulatedDriverException(string message) : Exception(message);
