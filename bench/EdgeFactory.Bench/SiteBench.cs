using System.Diagnostics;
using System.Globalization;
using EdgeFactory.Edge;
using EdgeFactory.Inference.Benchmarking;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.MesSimulation;
using EdgeFactory.Runtime.TaskTypes;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Bench;

/// <summary>
/// Tasks through a whole site (intake, journal, 8 robot agents with instant skills, statuses) driven by an MES on the
/// same broker, against the broker-only ceiling: the same number of messages of the same size through our MQTT client
/// with no runtime. Rounds alternate which goes first; figures are medians. Then publish → accepted latency at a
/// paced 500 tasks/s.
/// </summary>
internal sealed class SiteBench(BenchReport report, string[] args)
{
    private const int Robots = 8;
    private const int StatusBytes = 190;
    private readonly int _tasks = BenchArguments.Option(args, "--tasks", 100_000);
    private readonly int _rounds = BenchArguments.Option(args, "--rounds", 3);

    // At most this many tasks submitted and not yet final (0: every task offered at once). 2,000 is the ceiling's own
    // window and 250 queued per robot, far more than keeps 8 robots busy; an unbounded offer instead measures how the
    // process holds a backlog of tens of thousands of accepted tasks (the GC's cost of them), not the rate it finishes them.
    private readonly int _open = BenchArguments.Option(args, "--open", 2_000);
    private readonly int _pacedRate = BenchArguments.Option(args, "--paced-rate", 500);
    private readonly bool _allocationTypes = args.Contains("--allocation-types");
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-bench-site-").FullName;

    public async Task RunAsync()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions { Persistence = false }, null, CancellationToken.None);
        var site = WriteSite();
        Console.WriteLine($"site bench: {_tasks:N0} tasks through {Robots} instant robots, {(_open > 0 ? $"at most {_open:N0} open at once" : "all offered at once")}, a warm-up and {_rounds} alternating rounds, broker {broker.Url}, journal on {_folder}");
        var rates = new List<double>();
        var ceilings = new List<double>();
        var messagesPerTask = new List<double>();
        var accepted = new List<double[]>();
        var completed = new List<double[]>();
        var pacedAccepted = new List<double[]>();
        var pacedCompleted = new List<double[]>();
        var bytesPerTask = new List<double>();
        var cpuPerTask = new List<double>();
        var writtenPerTask = new List<double>();
        var gcPauses = new List<double>();
        long lost = 0, duplicated = 0;
        var siteGc = default(GcCounts);

        // Round 0 warms both sides up (the JIT's later tiers, the thread pool, the broker's sessions) and its rates are not
        // counted (a task it lost or doubled still is): cold, the site ran at half the rate of any later round while the
        // ceiling's few code paths barely changed.
        for (var round = 0; round <= _rounds; round++)
        {
            async Task Site()
            {
                var run = await RunSiteAsync(broker, site, round);
                rates.Add(run.TasksPerSecond);
                messagesPerTask.Add(run.MessagesPerTask);
                accepted.Add(run.ToAccepted);
                completed.Add(run.ToCompleted);
                bytesPerTask.Add(run.BytesPerTask);
                cpuPerTask.Add(run.CpuMicrosecondsPerTask);
                writtenPerTask.Add(run.WrittenPerTask);
                gcPauses.Add(run.GcPauseMilliseconds);
                siteGc = run.Gc;
                lost += run.Tally.Lost;
                duplicated += run.Tally.Duplicated;
            }

            async Task Ceiling() => ceilings.Add(await CeilingAsync(broker, (int)(_tasks * (messagesPerTask.LastOrDefault() is > 0 and var m ? m : 6)), round));

            async Task Paced()
            {
                var run = await RunSiteAsync(broker, site, _rounds + 1 + round, ratePerSecond: _pacedRate, count: _pacedRate * 10);
                pacedAccepted.Add(run.ToAccepted);
                pacedCompleted.Add(run.ToCompleted);
                lost += run.Tally.Lost;
                duplicated += run.Tally.Duplicated;
            }

            foreach (var phase in round % 2 == 0 ? new[] { Site, Ceiling, Paced } : [Paced, Ceiling, Site])
            {
                // Each phase starts from a collected heap, so one phase's garbage does not pause the next one's figures.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                await phase();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(round == 0 ? "warm-up round" : $"round {round}")}: {rates[^1]:N0} tasks/s ({messagesPerTask[^1]:0.##} msgs/task), ceiling {ceilings[^1]:N0} msg/s, at {_pacedRate}/s accepted p99 {LatencySample.Percentile(pacedAccepted[^1], 0.99):0.##} ms; per task {bytesPerTask[^1]:N0} B allocated, {writtenPerTask[^1]:N0} B written to files (the journal), {cpuPerTask[^1]:N0} µs CPU (process and broker); GC paused the process {gcPauses[^1]:N0} ms ({siteGc})"));
            if (round == 0)
            {
                foreach (var list in new System.Collections.IList[] { rates, ceilings, messagesPerTask, accepted, completed, pacedAccepted, pacedCompleted, bytesPerTask, cpuPerTask, writtenPerTask, gcPauses })
                {
                    list.Clear();
                }
            }
        }

        var tasksPerSecond = BenchReport.Median(rates);
        var perTask = BenchReport.Median(messagesPerTask);
        report.Add("site-8-robots", "throughput", "tasks/s", tasksPerSecond);
        report.Add("site-8-robots", "messages", "msg/s", tasksPerSecond * perTask, BenchReport.Median(ceilings));
        report.Add("site-8-robots", "publish-accepted-p50", "ms", BenchReport.Median(accepted.Select(a => LatencySample.Percentile(a, 0.50))));
        report.Add("site-8-robots", "publish-accepted-p99", "ms", BenchReport.Median(accepted.Select(a => LatencySample.Percentile(a, 0.99))));
        report.Add("site-8-robots", "publish-completed-p50", "ms", BenchReport.Median(completed.Select(a => LatencySample.Percentile(a, 0.50))));
        report.Add("site-8-robots", "publish-completed-p99", "ms", BenchReport.Median(completed.Select(a => LatencySample.Percentile(a, 0.99))));
        report.Add("site-8-robots", "allocated", "B/task", BenchReport.Median(bytesPerTask));
        report.Add("site-8-robots", "cpu", "µs/task", BenchReport.Median(cpuPerTask));
        report.Add("site-8-robots", "written", "B/task", BenchReport.Median(writtenPerTask));
        report.Add("site-8-robots", "gc-pause", "ms", BenchReport.Median(gcPauses));
        report.Add("site-8-robots", "lost", "tasks", lost);
        report.Add("site-8-robots", "duplicated", "tasks", duplicated);
        var pacedCase = $"site-{_pacedRate}-per-s";
        report.Add(pacedCase, "publish-accepted-p50", "ms", BenchReport.Median(pacedAccepted.Select(a => LatencySample.Percentile(a, 0.50))));
        report.Add(pacedCase, "publish-accepted-p99", "ms", BenchReport.Median(pacedAccepted.Select(a => LatencySample.Percentile(a, 0.99))));
        report.Add(pacedCase, "publish-completed-p99", "ms", BenchReport.Median(pacedCompleted.Select(a => LatencySample.Percentile(a, 0.99))));
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<SiteRun> RunSiteAsync(MosquittoBroker broker, string siteFile, int round, double? ratePerSecond = null, int? count = null)
    {
        var data = Path.Combine(_folder, $"round-{round}");
        await using var edge = await EdgeHost.CreateAsync(new EdgeHostSettings { SiteFile = siteFile, BrokerUrl = broker.Url, DataDirectory = data, LogLevel = LogLevel.Warning }, CancellationToken.None);
        await edge.StartAsync(CancellationToken.None);
        await using var mes = await MesSimulator.ConnectAsync(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = $"bench-mes-{round}", MaxInflight = 1000, ReceiveCapacity = 500_000 }, "bench", CancellationToken.None);
        var generator = new TaskGenerator([RobotKindFile.Load(Path.Combine("robots", "kinds", "conveyor.yaml")).Tasks["index"]], $"b{round}", round);
        var total = count ?? _tasks;
        var clock = Stopwatch.StartNew();
        if (_tasks == 0 && ratePerSecond is null)
        {
            return new SiteRun(0, 0, [0], [0], mes.Tally(), 0, 0, 0, 0);
        }

        // What the whole process (edge and MES) allocates and what it and the broker spend on CPU, per task.
        using var types = _allocationTypes && ratePerSecond is null ? new AllocationTypes() : null;
        var gcBefore = GcCounts.Now();
        var pausedBefore = GC.GetTotalPauseDuration();
        var writtenBefore = FileBytesWritten();
        var cpuBefore = ProcessCpu.Seconds(Environment.ProcessId);

        if (ratePerSecond is { } rate)
        {
            await MesPacer.RunAsync(mes, generator, rate, null, total, CancellationToken.None);
        }
        else
        {
            // As fast as the site takes them: a window of unacknowledged publishes within a bounded number of open tasks,
            // as a dispatcher keeps its work in progress; the pipeline never drains.
            var pending = new Queue<Task>();
            for (var i = 0; i < total; i++)
            {
                while (_open > 0 && mes.Open >= _open)
                {
                    // A task finishes every 0.3 ms or so; a millisecond's wait leaves the robots hundreds of tasks queued.
                    await Task.Delay(1);
                }

                pending.Enqueue(mes.SubmitAsync(generator.Next(), CancellationToken.None).AsTask());
                if (pending.Count > 2_000)
                {
                    await pending.Dequeue();
                }
            }

            await Task.WhenAll(pending);
        }

        await mes.WaitForFinalsAsync(TimeSpan.FromMinutes(5), CancellationToken.None);
        var gc = GcCounts.Now() - gcBefore;
        var allocated = gc.AllocatedBytes;
        var cpu = ProcessCpu.Seconds(Environment.ProcessId) - cpuBefore;
        var written = FileBytesWritten() - writtenBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        types?.Print(25);
        var lastFinal = mes.Tasks.Values.Max(t => t.FinishedAt);
        var seconds = Stopwatch.GetElapsedTime(mes.Tasks.Values.Min(t => t.SubmittedAt), lastFinal).TotalSeconds;
        clock.Stop();
        var tally = mes.Tally();
        static double[] Sorted(IEnumerable<double> values) => values.Order().ToArray();
        var tasks = mes.Tasks.Values.Where(t => t.AnsweredAt > 0).ToList();
        return new SiteRun(
            tally.Completed / seconds,
            (double)(mes.MessagesReceived + tally.Submitted) / tally.Submitted,
            Sorted(tasks.Select(t => Stopwatch.GetElapsedTime(t.SubmittedAt, t.AnsweredAt).TotalMilliseconds)),
            Sorted(tasks.Where(t => t.FinishedAt > 0).Select(t => Stopwatch.GetElapsedTime(t.SubmittedAt, t.FinishedAt).TotalMilliseconds)),
            tally,
            (double)allocated / total,
            cpu * 1e6 / total,
            (double)written / total,
            paused.TotalMilliseconds,
            gc);
    }

    // The broker-only ceiling: one client publishes at QoS 1 to another, no runtime in between.
    private static Task<double> CeilingAsync(MosquittoBroker broker, int messages, int round) =>
        OurRoundTrip.MeasureAsync(broker, $"bench/ceiling/{round}", MqttQos.AtLeastOnce, messages, StatusBytes, maxInflight: 1000, window: 2_000, receiveCapacity: 500_000);

    private string WriteSite()
    {
        var path = Path.Combine(_folder, "bench.yaml");
        var robots = string.Concat(Enumerable.Range(1, Robots).Select(i => $"  - id: conveyor-{i}\n    kind: conveyor\n    tasks: [index]\n    simulation: {{ step_time: 0 }}\n"));
        File.WriteAllText(path, $"site: bench\ndevice: bench-1\nkinds: {Path.GetFullPath(Path.Combine("robots", "kinds"))}\nrobots:\n{robots}limits: {{ max_open_tasks: 1000000 }}\n");
        return path;
    }


    private sealed record SiteRun(double TasksPerSecond, double MessagesPerTask, double[] ToAccepted, double[] ToCompleted, MesTally Tally, double BytesPerTask, double CpuMicrosecondsPerTask, double WrittenPerTask, double GcPauseMilliseconds, GcCounts Gc = default);

    // What this process wrote through write calls (wchar): the journal's WAL and checkpoints; sockets send, which it does not count.
    private static long FileBytesWritten() =>
        long.Parse(File.ReadLines("/proc/self/io").First(l => l.StartsWith("wchar:", StringComparison.Ordinal))["wchar:".Length..].Trim(), CultureInfo.InvariantCulture);
}
