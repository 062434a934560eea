using EdgeFactory.Robotics.Link;

namespace EdgeFactory.Robotics.Control;

/// <summary>The loop's latest state for the chunk producer: a sequence lock, so the loop never waits and the reader retries a torn copy.</summary>
internal sealed class ObservationBoard
{
    private readonly float[] _positions;
    private readonly float[] _velocities;
    private long _stateAt;
    private int _version;

    public ObservationBoard(int joints)
    {
        _positions = new float[joints];
        _velocities = new float[joints];
    }

    public void Publish(RobotState state)
    {
        Interlocked.Increment(ref _version);
        state.Positions.CopyTo(_positions);
        state.Velocities.CopyTo(_velocities);
        _stateAt = state.ReceivedAt;
        Interlocked.Increment(ref _version);
    }

    /// <summary>Copies positions, velocities and the state's time into <paramref name="observation"/>; false before the first state.</summary>
    public bool TryCopy(ControlObservation observation)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _version);
            if ((before & 1) == 0)
            {
                _positions.CopyTo(observation.Positions);
                _velocities.CopyTo(observation.Velocities);
                observation.StateAt = Volatile.Read(ref _stateAt);
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _version) == before)
                {
                    return before != 0;
                }
            }

            spinner.SpinOnce();
        }
    }
}
