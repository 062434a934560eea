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
        Energy = new EnergyMeter(this, time);
    }

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
