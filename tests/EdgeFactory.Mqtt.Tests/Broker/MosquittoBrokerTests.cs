using System.Text;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.Testing;

namespace EdgeFactory.Mqtt.Tests.Broker;

public sealed class MosquittoBrokerTests
{
    [Fact]
    public async Task Start_PicksAFreeLoopbackPort_AndAcceptsClients()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, CancellationToken.None);
        await using var client = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port });

        await client.ConnectAsync(CancellationToken.None);

        Assert.True(broker.Port > 0);
        Assert.Equal(MqttConnectionState.Connected, client.State);
        Assert.StartsWith("mqtt://127.0.0.1:", broker.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_AfterStop_KeepsPortAndRetainedMessages()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, CancellationToken.None);
        var port = broker.Port;
        await using (var publisher = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = port }))
        {
            await publisher.ConnectAsync(CancellationToken.None);
            await publisher.PublishAsync("t/retained", "kept"u8.ToArray(), MqttQos.AtLeastOnce, retain: true);
        }

        await broker.StopAsync(CancellationToken.None);
        Assert.False(broker.IsRunning);
        await broker.RestartAsync(CancellationToken.None);

        await using var subscriber = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port });
        await subscriber.ConnectAsync(CancellationToken.None);
        await subscriber.SubscribeAsync("t/retained", MqttQos.AtLeastOnce, null, CancellationToken.None);
        var message = await Eventually.ReadUntilAsync(subscriber.Messages, _ => true, "the retained message after restart");

        Assert.Equal(port, broker.Port);
        Assert.Equal("kept", Encoding.UTF8.GetString(message.Payload.Span));
        Assert.True(message.Retain);
    }

    [Fact]
    public async Task Kill_StopsTheBrokerAtOnce_AndRestartWorks()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, CancellationToken.None);

        await broker.KillAsync(CancellationToken.None);
        Assert.False(broker.IsRunning);
        await broker.RestartAsync(CancellationToken.None);

        Assert.True(broker.IsRunning);
    }

    [Fact]
    public async Task Users_WrongPassword_IsRefusedWithNotAuthorized()
    {
        await using var broker = await MosquittoBroker.StartAsync(
            new BrokerOptions { Users = [new BrokerUser("line3", "s3cret-pass", ReadWrite: ["ef/#"])] }, null, CancellationToken.None);
        await using var client = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, Username = "line3", Password = "wrong" });

        var error = await Assert.ThrowsAsync<MqttException>(() => client.ConnectAsync(CancellationToken.None));

        Assert.Equal(MqttErrorCode.NotAuthorized, error.Code);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_Anonymous_IsRefused()
    {
        await using var broker = await MosquittoBroker.StartAsync(
            new BrokerOptions { Users = [new BrokerUser("line3", "s3cret-pass", ReadWrite: ["ef/#"])] }, null, CancellationToken.None);
        await using var client = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port });

        var error = await Assert.ThrowsAsync<MqttException>(() => client.ConnectAsync(CancellationToken.None));

        Assert.Equal(MqttErrorCode.NotAuthorized, error.Code);
    }

    [Fact]
    public async Task Acl_PublishOutsideTheUsersTopics_IsNotDelivered()
    {
        await using var broker = await MosquittoBroker.StartAsync(
            new BrokerOptions
            {
                Users =
                [
                    new BrokerUser("mes", "mes-pass", Write: ["ef/v1/demo/mes/#"]),
                    new BrokerUser("watcher", "watch-pass", Read: ["#"]),
                ],
            },
            null,
            CancellationToken.None);
        await using var watcher = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, Username = "watcher", Password = "watch-pass" });
        await watcher.ConnectAsync(CancellationToken.None);
        await watcher.SubscribeAsync("#", MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var mes = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, Username = "mes", Password = "mes-pass" });
        await mes.ConnectAsync(CancellationToken.None);

        // Mosquitto acknowledges a denied QoS 1 publish without delivering it, so nobody learns what exists.
        try
        {
            await mes.PublishAsync("ef/v1/demo/robots/cell-1/state", "forged"u8.ToArray(), MqttQos.AtLeastOnce);
        }
        catch (MqttException e) when (e.Code == MqttErrorCode.NotAuthorized)
        {
        }

        await mes.PublishAsync("ef/v1/demo/mes/tasks", "allowed"u8.ToArray(), MqttQos.AtLeastOnce);

        var first = await Eventually.ReadUntilAsync(watcher.Messages, _ => true, "the allowed message");
        Assert.Equal("ef/v1/demo/mes/tasks", first.Topic);
    }

    [Fact]
    public void Options_InvalidUser_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BrokerOptions { Users = [new BrokerUser("a:b", "x")] }.Validate());
        Assert.Throws<ArgumentException>(() => new BrokerOptions { Port = 70000 }.Validate());
    }
}
