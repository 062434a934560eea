namespace EdgeFactory.Mqtt.Tests;

public sealed class ReconnectBackoffTests
{
    private static readonly MqttClientOptions Options = new()
    {
        ReconnectJitter = TimeSpan.FromSeconds(1), ReconnectDelay = TimeSpan.FromSeconds(1), ReconnectDelayMax = TimeSpan.FromSeconds(30),
    };

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 500)]
    [InlineData(1.0, 1_000)]
    public void Delay_FirstAttempt_IsTheJitterOnly(double random, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), new ReconnectBackoff(Options, () => random).Delay(0));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(40, 30)]
    public void Delay_LaterAttempts_DoubleUpToTheCap_WithAtMostHalfTakenOff(int attempt, int ceilingSeconds)
    {
        var ceiling = TimeSpan.FromSeconds(ceilingSeconds);

        Assert.Equal(ceiling, new ReconnectBackoff(Options, () => 1.0).Delay(attempt));
        Assert.Equal(ceiling / 2, new ReconnectBackoff(Options, () => 0.0).Delay(attempt));
    }
}
