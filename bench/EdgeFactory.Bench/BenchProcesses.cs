using System.Diagnostics;

namespace EdgeFactory.Bench;

/// <summary>
/// The processes a whole-system bench runs on: this one (publishers, clients and factory instances), the broker and the
/// database server (with its backends); samples their CPU time and this process's allocations.
/// </summary>
internal sealed class BenchProcesses(int brokerProcessId, int databaseProcessId)
{
    public (double Own, double Broker, double Database, long Allocated, TimeSpan Paused, TimeSpan Compiling) Sample()
    {
        using var self = Process.GetCurrentProcess();
        return (self.TotalProcessorTime.TotalSeconds, brokerProcessId > 0 ? ProcessCpu.Seconds(brokerProcessId) : 0, databaseProcessId > 0 ? ProcessCpu.Seconds(databaseProcessId) : 0, GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalPauseDuration(), System.Runtime.JitInfo.GetCompilationTime());
    }

    /// <summary>What each process used since <paramref name="before"/>, per message of <paramref name="messages"/>.</summary>
    public BenchPhase Since((double Own, double Broker, double Database, long Allocated, TimeSpan Paused, TimeSpan Compiling) before, double rate, int messages)
    {
        var now = Sample();
        var perMessage = 1e6 / messages;
        return new BenchPhase(rate, (now.Own - before.Own) * perMessage, (now.Broker - before.Broker) * perMessage, (now.Database - before.Database) * perMessage, (now.Allocated - before.Allocated) / (double)messages, (now.Paused - before.Paused).TotalMilliseconds, (now.Compiling - before.Compiling).TotalMilliseconds);
    }
}
