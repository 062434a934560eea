namespace EdgeFactory.Mqtt;

/// <summary>
/// Delays between reconnect attempts: the first is a random 0..<see cref="MqttClientOptions.ReconnectJitter"/>, so the
/// devices of a site do not all reconnect in the same instant after a broker restart; each later one doubles from
/// <see cref="MqttClientOptions.ReconnectDelay"/> up to <see cref="MqttClientOptions.ReconnectDelayMax"/>, and a random
/// half of it is taken off ("equal jitter"), which keeps retries spread while still backing off.
/// </summary>
internal sealed class ReconnectBackoff(MqttClientOptions options, Func<double> random)
{
    /// <summary>The wait before attempt <paramref name="attempt"/> (0 = the first attempt after the loss).</summary>
    public TimeSpan Delay(int attempt)
    {
        if (attempt == 0)
        {
            return options.ReconnectJitter * random();
        }

        var doublings = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(options.ReconnectDelay.Ticks * Math.Pow(2, doublings), options.ReconnectDelayMax.Ticks);
        return TimeSpan.FromTicks((long)((ceiling / 2) + (ceiling / 2 * random())));
    }
}
