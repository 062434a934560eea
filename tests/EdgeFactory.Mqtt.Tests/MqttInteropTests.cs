using System.Diagnostics;
using System.Globalization;
using EdgeFactory.Testing;

namespace EdgeFactory.Mqtt.Tests;

/// <summary>Our client against Mosquitto's own command-line clients on the same broker.</summary>
public sealed class MqttInteropTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task MosquittoPub_WithProperties_ArrivesByteForByte()
    {
        var topic = $"interop/{Guid.NewGuid():N}";
        var payload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, payload);
        await using var client = await fixture.ConnectAsync();
        await client.SubscribeAsync(topic, MqttQos.AtLeastOnce, null, CancellationToken.None);

        await RunAsync("mosquitto_pub", [
            "-h", fixture.Broker.Host, "-p", Port, "-V", "mqttv5", "-q", "1", "-t", topic, "-f", file,
            "-D", "publish", "user-property", "station", "line-3",
            "-D", "publish", "content-type", "application/octet-stream",
            "-D", "publish", "response-topic", "reply/to/me",
            "-D", "publish", "correlation-data", "req-42",
        ]);
        var message = await Eventually.ReadUntilAsync(client.Messages, m => m.Topic == topic, "the message from mosquitto_pub");
        File.Delete(file);

        Assert.Equal(payload, message.Payload.ToArray());
        Assert.Equal(MqttQos.AtLeastOnce, message.Qos);
        Assert.Equal("application/octet-stream", message.Properties!.ContentType);
        Assert.Equal("reply/to/me", message.Properties.ResponseTopic);
        Assert.Equal("req-42"u8.ToArray(), message.Properties.CorrelationData!.Value.ToArray());
        Assert.Equal([new MqttUserProperty("station", "line-3")], message.Properties.UserProperties);
    }

    [Fact]
    public async Task OurPublish_ArrivesInMosquittoSub_ByteForByte()
    {
        var topic = $"interop/{Guid.NewGuid():N}";
        var payload = Enumerable.Range(0, 256).Select(i => (byte)(255 - i)).ToArray();
        using var sub = Start("mosquitto_sub", ["-h", fixture.Broker.Host, "-p", Port, "-V", "mqttv5", "-q", "1", "-t", topic, "-C", "1", "-N"]);
        await using var client = await fixture.ConnectAsync();

        // mosquitto_sub has subscribed once a retained-free publish reaches it; publish until it exits.
        using var output = new MemoryStream();
        var copy = sub.StandardOutput.BaseStream.CopyToAsync(output);
        await Eventually.TrueAsync(
            () =>
            {
                client.PublishAsync(topic, payload, MqttQos.AtLeastOnce).AsTask().GetAwaiter().GetResult();
                return sub.WaitForExit(100);
            },
            "mosquitto_sub to receive our message");
        await copy;

        Assert.Equal(payload, output.ToArray());
    }

    private string Port => fixture.Broker.Port.ToString(CultureInfo.InvariantCulture);

    private static Process Start(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task RunAsync(string tool, string[] arguments)
    {
        using var process = Start(tool, arguments);
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
    }
}
