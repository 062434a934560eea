using System.Diagnostics.Metrics;

namespace EdgeFactory.Models.Packages;

/// <summary>Counts model packages refused, by code, on the <c>EdgeFactory.Models</c> meter.</summary>
public static class PassportMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "EdgeFactory.Models";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> RefusedCounter = Meter.CreateCounter<long>("edgefactory.models.refused", description: "Model packages refused, by code");

    internal static void Refused(string code) => RefusedCounter.Add(1, new KeyValuePair<string, object?>("code", code));
}
