using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeFactory.Testing;

namespace EdgeFactory.Mqtt.Tests;

public sealed class MqttWillTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task ClientProcessKilled_BrokerDeliversItsWill()
    {
        await using var observer = await fixture.ConnectAsync();
        await observer.SubscribeAsync("wills/#", MqttQos.AtLeastOnce, null, CancellationToken.None);
        using var client = StartWillClient("wills/press-7", "press-7 gone");
        Assert.Equal("connected", await client.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        client.Kill(); // SIGKILL: no DISCONNECT, so the broker must send the will
        await client.WaitForExitAsync();

        var will = await Eventually.ReadUntilAsync(observer.Messages, m => m.Topic == "wills/press-7", "the will");
        Assert.Equal("press-7 gone", Encoding.UTF8.GetString(will.Payload.Span));
    }

    [Fact]
    public async Task ClientDisconnectsCleanly_BrokerDiscardsItsWill()
    {
        await using var observer = await fixture.ConnectAsync();
        await observer.SubscribeAsync("wills-clean/#", MqttQos.AtLeastOnce, null, CancellationToken.None);
        var options = fixture.ClientOptions() with { Will = new MqttWill("wills-clean/a", "gone"u8.ToArray(), MqttQos.AtLeastOnce, Retain: false) };
        await using (var client = await fixture.ConnectAsync(options))
        {
            await client.DisconnectAsync(CancellationToken.None);
        }

        await using var marker = await fixture.ConnectAsync();
        await marker.PublishAsync("wills-clean/marker", "m"u8.ToArray(), MqttQos.AtLeastOnce);
        var first = await Eventually.ReadUntilAsync(observer.Messages, _ => true, "any message");

        Assert.Equal("wills-clean/marker", first.Topic);
    }

    private Process StartWillClient(string topic, string payload)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "EdgeFactory.Mqtt.WillClient.dll"), fixture.Broker.Host,
            fixture.Broker.Port.ToString(CultureInfo.InvariantCulture), $"will-{Guid.NewGuid():N}", topic, payload,
        })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
