using System.Device.I2c;
using Iot.Device.Adc;

namespace EdgeFactory.Robotics.Energy;

/// <summary>An INA219 power monitor on I2C (Iot.Device.Bindings); built only when a site configures one.</summary>
public sealed class Ina219PowerSource : IPowerSource, IDisposable
{
    private readonly Ina219 _device;

    /// <summary>Opens the device at <paramref name="busId"/>/<paramref name="address"/> and programs its calibration.</summary>
    /// <param name="name">Name in telemetry.</param>
    /// <param name="busId">I2C bus (<c>/dev/i2c-N</c>).</param>
    /// <param name="address">Device address (0x40 by default on most boards).</param>
    /// <param name="calibration">Calibration register value for the shunt in use.</param>
    /// <param name="currentLsb">Amps per bit of the current register that goes with <paramref name="calibration"/>.</param>
    public Ina219PowerSource(string name, int busId, int address, ushort calibration, float currentLsb)
    {
        Name = name;
        _device = new Ina219(new I2cConnectionSettings(busId, address));
        _device.SetCalibration(calibration, currentLsb);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool TryRead(out double watts)
    {
        try
        {
            watts = (double)_device.ReadPower().Watts;
            return double.IsFinite(watts);
        }
        catch (IOException)
        {
            watts = 0;
            return false;
        }
    }

    /// <summary>Closes the device.</summary>
    public void Dispose() => _device.Dispose();
}
