using EdgeFactory.Runtime.Telemetry;
using EdgeFactory.Runtime.Throughput;
using Microsoft.Extensions.Time.Testing;

namespace EdgeFactory.Runtime.Tests.Telemetry;

public sealed class TelemetryAggregatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.Zero));
    private readonly FakeProbe _probe = new();

    [Fact]
    public void Close_CountsOutcomesPerRobotAndModel_WithTheOneTasksPerHour()
    {
        _probe.Models["c1"] = "pick@1.0.0";
        var aggregator = new TelemetryAggregator(["c1", "c2"], _probe, _time);
        _time.Advance(TimeSpan.FromSeconds(1));
        var accepted = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(4));
        aggregator.Accepted("c1", accepted);
        aggregator.Started("c1");
        _time.Advance(TimeSpan.FromSeconds(2));
        aggregator.Finished("c1", completed: true, accepted);
        aggregator.Started("c1");
        _time.Advance(TimeSpan.FromSeconds(1));
        aggregator.Finished("c1", completed: false, accepted);
        aggregator.Finished("c2", completed: true, acceptedAt: 0);
        _time.Advance(TimeSpan.FromSeconds(6));

        var window = aggregator.Close();

        Assert.Equal(TimeSpan.FromSeconds(10.004), window.End - window.Start);
        var c1 = Assert.Single(window.Robots, r => r.RobotId == "c1");
        Assert.Equal(("pick@1.0.0", 1L, 1L), (c1.ModelVersion, c1.TasksCompleted, c1.TasksFailed));
        Assert.Equal(Math.Round(TasksPerHour.Of(1, TimeSpan.FromSeconds(3.004)), 3), c1.TasksPerHour);
        Assert.Equal(2000, c1.CycleTimeMs!.P50);
        Assert.Equal((1L, 4.0), (c1.AcceptLatencyMs!.Count, c1.AcceptLatencyMs.P50));

        // Acceptance unknown (recovered task): counted from the window's start.
        var c2 = Assert.Single(window.Robots, r => r.RobotId == "c2");
        Assert.Equal(("none", Math.Round(TasksPerHour.Of(1, TimeSpan.FromSeconds(4.004)), 3)), (c2.ModelVersion, c2.TasksPerHour));
        Assert.Null(c2.CycleTimeMs);
    }

    [Fact]
    public void Close_EnergyClampsAndEmergencyStops_AreTheWindowsDifferences()
    {
        _probe.Joules["c1"] = 1_000;
        _probe.Clamps["c1"] = 5;
        var aggregator = new TelemetryAggregator(["c1"], _probe, _time);
        aggregator.Finished("c1", completed: true, 0);
        _probe.Joules["c1"] = 1_000 + 3_600;
        _probe.Clamps["c1"] = 8;
        aggregator.EmergencyStopLatched();
        _time.Advance(TimeSpan.FromSeconds(10));

        var first = aggregator.Close();
        var second = aggregator.Close();

        var robot = Assert.Single(first.Robots);
        Assert.Equal((1.0, 1000.0, 3L), (robot.EnergyWh, robot.TasksPerKwh, robot.SafetyClamps));
        Assert.Equal(1, first.EmergencyStops);
        Assert.Empty(second.Robots);
        Assert.Equal(0, second.EmergencyStops);
    }

    [Fact]
    public void Close_ModelSwappedInTheWindow_SplitsTheRobotByVersion()
    {
        _probe.Models["c1"] = "pick@1.0.0";
        var aggregator = new TelemetryAggregator(["c1"], _probe, _time);
        aggregator.Finished("c1", completed: true, 0);
        _probe.Models["c1"] = "pick@2.0.0";
        aggregator.Finished("c1", completed: true, 0);
        aggregator.Finished("c1", completed: true, 0);
        _time.Advance(TimeSpan.FromSeconds(10));

        var window = aggregator.Close();

        Assert.Equal([("pick@1.0.0", 1L), ("pick@2.0.0", 2L)], window.Robots.Select(r => (r.ModelVersion, r.TasksCompleted)));
    }

    [Fact]
    public void Close_ModelSwappedInTheWindow_ChargesEachVersionTheEnergyItsTasksDrew()
    {
        _probe.Models["c1"] = "pick@1.0.0";
        _probe.Joules["c1"] = 0;
        var aggregator = new TelemetryAggregator(["c1"], _probe, _time);
        _probe.Joules["c1"] = 3_600;
        aggregator.Finished("c1", completed: true, 0);
        _probe.Models["c1"] = "pick@2.0.0";
        _probe.Joules["c1"] = 3_600 + 7_200;
        aggregator.Finished("c1", completed: true, 0);
        _probe.Joules["c1"] = 3_600 + 7_200 + 360;
        _time.Advance(TimeSpan.FromSeconds(10));

        var window = aggregator.Close();

        // 1 Wh for 1.0.0's task; 2 Wh for 2.0.0's and 0.1 Wh drawn idle after it, while 2.0.0 was the one running.
        Assert.Equal([("pick@1.0.0", 1.0), ("pick@2.0.0", 2.1)], window.Robots.Select(r => (r.ModelVersion, r.EnergyWh ?? -1)));
    }

    [Fact]
    public void Close_ModelSwappedAfterClamps_ChargesEachVersionTheClampsItsCommandsHad()
    {
        // 3.0.0 fought the envelope and was rolled back to 2.0.0 before the window closed.
        _probe.Models["c1"] = "pick@2.0.0";
        _probe.VersionClamps[("c1", "pick@2.0.0")] = 4;
        var aggregator = new TelemetryAggregator(["c1"], _probe, _time);
        _probe.VersionClamps[("c1", "pick@3.0.0")] = 900;
        _probe.VersionClamps[("c1", "pick@2.0.0")] = 5;
        aggregator.Finished("c1", completed: true, 0);
        _time.Advance(TimeSpan.FromSeconds(10));

        var window = aggregator.Close();

        Assert.Equal([("pick@2.0.0", 1L), ("pick@3.0.0", 900L)], window.Robots.Select(r => (r.ModelVersion, r.SafetyClamps)));
    }

    [Fact]
    public void Safety_InterventionsByVersion_FollowTheVersionOnEachCommand()
    {
        var envelope = new EdgeFactory.Robotics.Safety.SafetyEnvelope(new EdgeFactory.Robotics.Safety.SafetyOptions
        {
            Robot = "arm-1",
            Joints = [new EdgeFactory.Robotics.Safety.JointLimit(-1f, 1f, 1f, 1_000f, 0.5f)],
            ControlPeriod = TimeSpan.FromMilliseconds(4),
        }, _time);
        envelope.Reset([0f]);
        var command = new EdgeFactory.Robotics.Link.JointTarget[1];
        envelope.Filter([2f], _time.GetTimestamp(), false, "pick@3.0.0", command);
        envelope.Filter([float.NaN], _time.GetTimestamp(), false, "pick@3.0.0", command);
        _time.Advance(TimeSpan.FromMilliseconds(4));
        envelope.Filter([0.003f], _time.GetTimestamp(), false, "pick@2.0.0", command);
        var byVersion = new Dictionary<string, long>(StringComparer.Ordinal);

        envelope.Statistics.AddInterventionsByVersion(byVersion);

        Assert.Equal(2, byVersion["pick@3.0.0"]);
        Assert.Equal(0, byVersion["pick@2.0.0"]);
    }

    [Fact]
    public void Outcomes_InSteadyState_AllocateNothing()
    {
        _probe.Models["c1"] = "pick@1.0.0";
        var aggregator = new TelemetryAggregator(["c1"], _probe, _time, sampleCapacity: 64);
        Feed(aggregator, 100);
        aggregator.Close();
        Feed(aggregator, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Feed(aggregator, 1_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private void Feed(TelemetryAggregator aggregator, int tasks)
    {
        for (var i = 0; i < tasks; i++)
        {
            var accepted = _time.GetTimestamp();
            aggregator.Accepted("c1", accepted);
            aggregator.Started("c1");
            _time.Advance(TimeSpan.FromMilliseconds(3));
            aggregator.Finished("c1", completed: i % 10 != 0, accepted);
        }
    }
}
