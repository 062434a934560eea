namespace EdgeFactory.Robotics.Energy;

/// <summary>Something that tells the electrical power drawn now.</summary>
public interface IPowerSource
{
    /// <summary>Name in telemetry (e.g. <c>jetson-ina3221</c>, <c>robot-1/plant</c>).</summary>
    string Name { get; }

    /// <summary>The power now in watts; false when no reading is available.</summary>
    bool TryRead(out double watts);
}
