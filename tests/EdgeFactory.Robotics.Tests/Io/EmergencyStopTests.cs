using System.Device.Gpio;
using EdgeFactory.Robotics.Io;

namespace EdgeFactory.Robotics.Tests.Io;

public sealed class EmergencyStopTests : IDisposable
{
    private const int Line = 17;
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _gpio;

    public EmergencyStopTests()
    {
        _driver.SetInput(Line, PinValue.High);
        _gpio = GpioControllers.Open(new GpioOptions(), _driver);
    }

    public void Dispose() => _gpio.Dispose();

    [Fact]
    public void InputActive_Latches_AndRaisesTrippedOnce()
    {
        using var estop = new EmergencyStop(_gpio, new EmergencyStopOptions { Line = Line });
        var tripped = 0;
        estop.Tripped += (_, e) => { tripped++; Assert.Equal(EmergencyStopSource.Input, e.Source); };
        Assert.False(estop.IsLatched);
        _driver.SetInput(Line, PinValue.Low);
        Assert.True(estop.IsLatched);
        _driver.SetInput(Line, PinValue.High);
        Assert.True(estop.IsLatched);
        Assert.Equal(1, tripped);
    }

    [Fact]
    public void Reset_WhileInputActive_Refused_AfterRelease_Succeeds()
    {
        using var estop = new EmergencyStop(_gpio, new EmergencyStopOptions { Line = Line });
        _driver.SetInput(Line, PinValue.Low);
        Assert.False(estop.Reset());
        Assert.True(estop.IsLatched);
        _driver.SetInput(Line, PinValue.High);
        Assert.True(estop.Reset());
        Assert.False(estop.IsLatched);
        Assert.Equal(1, estop.Trips);
    }

    [Fact]
    public void ActiveHighWiring_LineAlreadyActiveAtStart_LatchedAtOnce()
    {
        _driver.SetInput(Line, PinValue.High);
        using var estop = new EmergencyStop(_gpio, new EmergencyStopOptions { Line = Line, ActiveLevel = PinValue.High });
        Assert.True(estop.IsLatched);
    }

    [Fact]
    public void Trip_FromSoftware_LatchesUntilReset()
    {
        using var estop = new EmergencyStop(_gpio, new EmergencyStopOptions { Line = Line });
        estop.Trip();
        Assert.True(estop.Sample());
        Assert.True(estop.Reset());
        Assert.False(estop.Sample());
    }

    [Fact]
    public void StackLight_SiteStates_LightOneLamp()
    {
        using var light = new StackLight(_gpio, new StackLightOptions { GreenLine = 1, AmberLine = 2, RedLine = 3 });
        light.Show(StackLight.For(emergencyStop: false, faulted: false, running: true));
        Assert.Equal((PinValue.High, PinValue.Low, PinValue.Low), (_driver.Value(1), _driver.Value(2), _driver.Value(3)));
        light.Show(StackLight.For(emergencyStop: false, faulted: true, running: true));
        Assert.Equal((PinValue.Low, PinValue.High, PinValue.Low), (_driver.Value(1), _driver.Value(2), _driver.Value(3)));
        light.Show(StackLight.For(emergencyStop: true, faulted: true, running: true));
        Assert.Equal((PinValue.Low, PinValue.Low, PinValue.High), (_driver.Value(1), _driver.Value(2), _driver.Value(3)));
        Assert.Equal(SiteLight.EmergencyStop, light.Current);
    }

    [Fact]
    public void StackLight_SameLineTwice_Refused()
    {
        Assert.Throws<ArgumentException>(() => new StackLight(_gpio, new StackLightOptions { GreenLine = 1, AmberLine = 1, RedLine = 3 }));
    }
}
