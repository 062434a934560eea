using EdgeFactory.Robotics.Energy;
using Microsoft.Extensions.Time.Testing;

namespace EdgeFactory.Robotics.Tests.Energy;

public sealed class EnergyMeterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Sample_Ramp_IntegratesTrapezoids()
    {
        var meter = new EnergyMeter(null, _time);
        var window = meter.Open();
        meter.Sample(0);
        _time.Advance(TimeSpan.FromSeconds(10));
        meter.Sample(100);
        Assert.Equal(500, meter.TotalJoules, 6);
        _time.Advance(TimeSpan.FromSeconds(36));
        var reading = window.Close();
        Assert.Equal(500 + 3600, reading.Joules, 6);
        Assert.Equal(4100 / 3600.0, reading.WattHours, 9);
        Assert.Equal(TimeSpan.FromSeconds(46), reading.Duration);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(reading, window.Close());
    }

    [Fact]
    public void Open_Windows_OnlyCountTheirOwnStretch()
    {
        var meter = new EnergyMeter(null, _time);
        meter.Sample(20);
        _time.Advance(TimeSpan.FromSeconds(5));
        meter.Sample(20);
        var window = meter.Open();
        _time.Advance(TimeSpan.FromSeconds(2));
        meter.Sample(40);
        Assert.Equal(60, window.Close().Joules, 6);
    }

    [Fact]
    public void Sample_SourceWithoutReadingOrNegative_CountedAndSkipped()
    {
        var meter = new EnergyMeter(new FixedPowerSource(double.NaN, available: false), _time);
        Assert.False(meter.Sample());
        meter.Sample(-5);
        Assert.Equal(2, meter.FailedReads);
        Assert.Equal(0, meter.TotalJoules);
    }

    private sealed class FixedPowerSource(double watts, bool available) : IPowerSource
    {
        public string Name => "fixed";

        public bool TryRead(out double reading)
        {
            reading = watts;
            return available;
        }
    }
}
