namespace EdgeFactory.Runtime.Sites;

/// <summary>
/// Where a robot's energy per task is read (<c>energy:</c> on a robot in the site file): the power its controllers report
/// (<c>plant</c>, the default), a Jetson's INA3221 rails through hwmon, or an INA219 on I2C in the robot's cell.
/// </summary>
public sealed record EnergySourceDefinition
{
    /// <summary>The power the robot's controllers report in their states.</summary>
    public static EnergySourceDefinition Plant { get; } = new();

    /// <summary>Rails of an INA3221 to sum (by label); null: not an INA3221.</summary>
    public IReadOnlyList<string>? Ina3221Rails { get; init; }

    /// <summary>Where the hwmon directories are (<c>/sys/class/hwmon</c>).</summary>
    public string HwmonRoot { get; init; } = "/sys/class/hwmon";

    /// <summary>An INA219's I2C bus, address, calibration register and amps per bit; null: not an INA219.</summary>
    public (int Bus, int Address, ushort Calibration, float CurrentLsb)? Ina219 { get; init; }
}
