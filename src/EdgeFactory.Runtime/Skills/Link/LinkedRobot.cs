using EdgeFactory.Robotics.Energy;
using EdgeFactory.Runtime.Sites;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>One robot on the robot link: its controllers by name, and the energy its controllers draw, integrated per task.</summary>
internal sealed class LinkedRobot : IPowerSource
{
    private readonly Lock _gate = new();
    private EnergyWindow? _task;

    public LinkedRobot(RobotDefinition definition, IReadOnlyDictionary<string, LinkedController> controllers, TimeProvider time)
    {
        Definition = definition;
        Controllers = controllers;
        Meter = PowerSourceOf(definition);
        Energy = new EnergyMeter(Meter ?? (IPowerSource)this, time);
    }

    /// <summary>The power monitor the site file names for this robot; null when its controllers' reports are the reading.</summary>
    public IPowerSource? Meter { get; }

    public RobotDefinition Definition { get; }

    public IReadOnlyDictionary<string, LinkedController> Controllers { get; }

    /// <summary>Integrates the power the controllers report (the plant's motors and electronics).</summary>
    public EnergyMeter Energy { get; }

    public string Name => Definition.RobotId + "/plant";

    /// <summary>Joules drawn since the robot's current task started.</summary>
    public double TaskJoules
    {
        get
        {
            lock (_gate)
            {
                return _task?.Current.Joules ?? 0;
            }
        }
    }

    /// <summary>A task starts on this robot: its energy is counted from now.</summary>
    public void TaskStarting()
    {
        lock (_gate)
        {
            _task = Energy.Open();
        }
    }

    // A configured monitor that cannot be opened stops the start: energy per task would otherwise be silently wrong.
    private static IPowerSource? PowerSourceOf(RobotDefinition robot)
    {
        var energy = robot.Energy;
        if (energy.Ina3221Rails is { } rails)
        {
            return Ina3221PowerSource.Find(robot.RobotId + "/ina3221", energy.HwmonRoot, rails.Count == 0 ? null : rails)
                ?? throw new InvalidOperationException($"Robot {robot.RobotId}: the site file reads its energy from an INA3221, but none is under {energy.HwmonRoot} (a hwmon directory named ina3221 with in*_input and curr*_input).");
        }

        if (energy.Ina219 is { } monitor)
        {
            return new Ina219PowerSource(robot.RobotId + "/ina219", monitor.Bus, monitor.Address, monitor.Calibration, monitor.CurrentLsb);
        }

        return null;
    }

    public bool TryRead(out double watts)
    {
        watts = 0;
        var any = false;
        foreach (var controller in Controllers.Values)
        {
            if (controller.State is { Updates: > 0 } state)
            {
                watts += state.PowerWatts;
                any = true;
            }
        }

        return any;
    }
}
