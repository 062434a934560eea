namespace EdgeFactory.Contracts.Models;

/// <summary>How a model scored, and on what.</summary>
/// <param name="Dataset">Reference to the evaluation data.</param>
/// <param name="Metrics">Metric name to value, e.g. <c>success_rate</c>: 0.97.</param>
public sealed record PassportEvaluation(string Dataset, IReadOnlyDictionary<string, double> Metrics);
