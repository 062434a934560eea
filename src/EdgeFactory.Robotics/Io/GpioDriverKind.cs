namespace EdgeFactory.Robotics.Io;

/// <summary>Which GPIO driver a site uses.</summary>
public enum GpioDriverKind
{
    /// <summary>No hardware: <see cref="SimulatedGpioDriver"/> (tests, the demo).</summary>
    Simulated = 0,

    /// <summary>The Linux character device through libgpiod (Jetson, Raspberry Pi).</summary>
    LibGpiod = 1,
}
