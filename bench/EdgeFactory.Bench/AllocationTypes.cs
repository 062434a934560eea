using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace EdgeFactory.Bench;

/// <summary>
/// The runtime's sampled allocation events (one about every 100 KB) of this process, by type: where a bench's
/// allocations go, without a profiler. Listens from creation until disposed.
/// </summary>
internal sealed class AllocationTypes : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    /// <summary>Prints the <paramref name="count"/> types that took the most sampled bytes.</summary>
    public void Print(int count)
    {
        var total = _bytes.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocation samples: {total / 1e6:N0} MB sampled"));
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(count))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {bytes * 100.0 / total,5:0.0} %  {type}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.PayloadNames.IndexOf("TypeName") is >= 0 and var t ? eventData.Payload?[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(eventData.Payload?[a], CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
