using System.Text;
using Microsoft.Extensions.Logging;
using EdgeFactory.Testing;

namespace EdgeFactory.Mqtt.Tests;

public sealed class MqttClientTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData(MqttQos.AtMostOnce)]
    [InlineData(MqttQos.AtLeastOnce)]
    [InlineData(MqttQos.ExactlyOnce)]
    public async Task Publish_ReachesSubscriber_AtEachQos(MqttQos qos)
    {
        var topic = $"test/{Guid.NewGuid():N}";
        await using var subscriber = await fixture.ConnectAsync();
        await subscriber.SubscribeAsync(topic, qos, null, CancellationToken.None);
        await using var publisher = await fixture.ConnectAsync();

        await publisher.PublishAsync(topic, "hello"u8.ToArray(), qos);
        var message = await Eventually.ReadUntilAsync(subscriber.Messages, m => m.Topic == topic, "the published message");

        Assert.Equal("hello", Encoding.UTF8.GetString(message.Payload.Span));
        Assert.Equal(qos, message.Qos);
        Assert.False(message.Retain);
    }

    [Fact]
    public async Task Publish_ManyAtEachQos_LeavesNoAcknowledgementEntriesBehind()
    {
        await using var client = await fixture.ConnectAsync();

        for (var i = 0; i < 70_000; i++)
        {
            await client.PublishAsync("test/acks", "x"u8.ToArray(), i % 7 == 0 ? MqttQos.AtLeastOnce : MqttQos.AtMostOnce);
        }

        await client.PublishAsync("test/acks", "last"u8.ToArray(), MqttQos.ExactlyOnce);
        await Eventually.TrueAsync(() => client.PendingPublishes == 0, "every acknowledgement to be settled");
    }

    [Fact]
    public async Task LibraryLines_AreTakenOnlyByADebugLog()
    {
        // MQTTnet formats a line per packet when its logger is enabled: only a Debug logger enables it.
        var debugLog = new RecordingLogger(LogLevel.Debug);
        await using var debug = new MqttClient(fixture.ClientOptions(), debugLog);
        await using var quiet = new MqttClient(fixture.ClientOptions(), new RecordingLogger(LogLevel.Information));
        await debug.ConnectAsync(CancellationToken.None);
        await quiet.ConnectAsync(CancellationToken.None);

        await debug.PublishAsync("test/library-log", "x"u8.ToArray(), MqttQos.AtLeastOnce);

        Assert.True(debug.LibraryLogEnabled);
        Assert.False(quiet.LibraryLogEnabled);
        Assert.Contains(debugLog.Entries, e => e.Id.Id == 1004 && e.Text.Contains("PubAck", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_Retained_ReachesALateSubscriber()
    {
        var topic = $"test/{Guid.NewGuid():N}";
        await using var publisher = await fixture.ConnectAsync();
        await publisher.PublishAsync(topic, "state"u8.ToArray(), MqttQos.AtLeastOnce, retain: true);

        await using var subscriber = await fixture.ConnectAsync();
        await subscriber.SubscribeAsync(topic, MqttQos.AtLeastOnce, null, CancellationToken.None);
        var message = await Eventually.ReadUntilAsync(subscriber.Messages, m => m.Topic == topic, "the retained message");

        Assert.True(message.Retain);
    }

    [Fact]
    public async Task Subscribe_NoLocal_LeavesOutOwnMessages()
    {
        var topic = $"test/{Guid.NewGuid():N}";
        await using var client = await fixture.ConnectAsync();
        await client.SubscribeAsync(topic, MqttQos.AtLeastOnce, new MqttSubscribeOptions { NoLocal = true }, CancellationToken.None);
        await using var other = await fixture.ConnectAsync();

        await client.PublishAsync(topic, "own"u8.ToArray(), MqttQos.AtLeastOnce);
        await other.PublishAsync(topic, "other"u8.ToArray(), MqttQos.AtLeastOnce);
        var first = await Eventually.ReadUntilAsync(client.Messages, m => m.Topic == topic, "a message on the topic");

        // The broker forwards in order: had the own message come back, it would be first.
        Assert.Equal("other", Encoding.UTF8.GetString(first.Payload.Span));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Subscribe_RetainAsPublished_DecidesTheRetainFlagOfLiveMessages(bool retainAsPublished)
    {
        var topic = $"test/{Guid.NewGuid():N}";
        await using var subscriber = await fixture.ConnectAsync();
        await subscriber.SubscribeAsync(topic, MqttQos.AtLeastOnce, new MqttSubscribeOptions { RetainAsPublished = retainAsPublished }, CancellationToken.None);
        await using var publisher = await fixture.ConnectAsync();

        await publisher.PublishAsync(topic, "state"u8.ToArray(), MqttQos.AtLeastOnce, retain: true);
        var message = await Eventually.ReadUntilAsync(subscriber.Messages, m => m.Topic == topic, "the live retained message");

        Assert.Equal(retainAsPublished, message.Retain);
    }

    [Fact]
    public async Task Publish_Properties_RoundTrip()
    {
        var topic = $"test/{Guid.NewGuid():N}";
        await using var subscriber = await fixture.ConnectAsync();
        await subscriber.SubscribeAsync(topic, MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var publisher = await fixture.ConnectAsync();
        var sent = new MqttMessageProperties
        {
            ContentType = "application/json",
            ResponseTopic = "reply/here",
            CorrelationData = new byte[] { 1, 2, 3, 255 },
            MessageExpiryInterval = 60,
            PayloadIsUtf8 = true,
            UserProperties = [new("trace", "abc"), new("trace", "def"), new("ünï", "cödé")],
        };

        await publisher.PublishAsync(topic, "{}"u8.ToArray(), MqttQos.AtLeastOnce, properties: sent);
        var received = (await Eventually.ReadUntilAsync(subscriber.Messages, m => m.Topic == topic, "the message with properties")).Properties!;

        Assert.Equal(sent.ContentType, received.ContentType);
        Assert.Equal(sent.ResponseTopic, received.ResponseTopic);
        Assert.Equal(sent.CorrelationData!.Value.ToArray(), received.CorrelationData!.Value.ToArray());
        Assert.True(received.MessageExpiryInterval is > 0 and <= 60);
        Assert.True(received.PayloadIsUtf8);
        Assert.Equal(sent.UserProperties, received.UserProperties);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/+/b")]
    [InlineData("a/#")]
    [InlineData("bad\0nul")]
    public async Task Publish_InvalidTopic_ThrowsInvalidTopic(string topic)
    {
        await using var client = await fixture.ConnectAsync();

        var error = await Assert.ThrowsAsync<MqttException>(async () => await client.PublishAsync(topic, "x"u8.ToArray(), MqttQos.AtMostOnce));

        Assert.Equal(MqttErrorCode.InvalidTopic, error.Code);
    }

    [Fact]
    public async Task Publish_TopicWithLoneSurrogate_ThrowsInvalidTopic()
    {
        // Built at run time: attribute strings cannot carry a lone surrogate.
        var topic = "lone" + '\ud800' + "surrogate";
        await using var client = await fixture.ConnectAsync();

        var error = await Assert.ThrowsAsync<MqttException>(async () => await client.PublishAsync(topic, "x"u8.ToArray(), MqttQos.AtMostOnce));

        Assert.Equal(MqttErrorCode.InvalidTopic, error.Code);
    }

    [Fact]
    public async Task Publish_TopicOver65535Bytes_ThrowsInvalidTopic()
    {
        await using var client = await fixture.ConnectAsync();

        var error = await Assert.ThrowsAsync<MqttException>(async () => await client.PublishAsync(new string('a', 65_536), "x"u8.ToArray(), MqttQos.AtMostOnce));

        Assert.Equal(MqttErrorCode.InvalidTopic, error.Code);
    }

    [Theory]
    [InlineData("a/#/b")]
    [InlineData("a/b+")]
    [InlineData("")]
    public async Task Subscribe_InvalidFilter_ThrowsInvalidTopic(string filter)
    {
        await using var client = await fixture.ConnectAsync();

        var error = await Assert.ThrowsAsync<MqttException>(() => client.SubscribeAsync(filter, MqttQos.AtMostOnce, null, CancellationToken.None));

        Assert.Equal(MqttErrorCode.InvalidTopic, error.Code);
    }

    [Fact]
    public async Task Publish_BeforeConnect_ThrowsNotConnected()
    {
        await using var client = new MqttClient(fixture.ClientOptions());

        var error = await Assert.ThrowsAsync<MqttException>(async () => await client.PublishAsync("a", "x"u8.ToArray(), MqttQos.AtMostOnce));

        Assert.Equal(MqttErrorCode.NotConnected, error.Code);
    }

    [Fact]
    public async Task Publish_AfterDispose_ThrowsDisposed()
    {
        var client = await fixture.ConnectAsync();
        await client.DisposeAsync();

        var error = await Assert.ThrowsAsync<MqttException>(async () => await client.PublishAsync("a", "x"u8.ToArray(), MqttQos.AtMostOnce));

        Assert.Equal(MqttErrorCode.Disposed, error.Code);
    }

    [Fact]
    public async Task Connect_NothingListening_ThrowsBrokerUnreachable()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var client = new MqttClient(new MqttClientOptions { Port = port, ConnectTimeout = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<MqttException>(() => client.ConnectAsync(CancellationToken.None));

        Assert.Equal(MqttErrorCode.BrokerUnreachable, error.Code);
    }

    [Fact]
    public void Options_Invalid_ThrowInvalidArgument()
    {
        Assert.Equal(MqttErrorCode.InvalidArgument, Assert.Throws<MqttException>(() => new MqttClientOptions { Port = 0 }.Validate()).Code);
        Assert.Equal(MqttErrorCode.InvalidArgument, Assert.Throws<MqttException>(() => new MqttClientOptions { CleanStart = false }.Validate()).Code);
        Assert.Equal(MqttErrorCode.InvalidArgument, Assert.Throws<MqttException>(() => new MqttClientOptions { Password = "x" }.Validate()).Code);
        Assert.Equal(MqttErrorCode.InvalidTopic, Assert.Throws<MqttException>(() => new MqttClientOptions { Will = new MqttWill("a/#", default) }.Validate()).Code);
        Assert.Equal(MqttErrorCode.InvalidArgument, Assert.Throws<MqttException>(() => new MqttClientOptions { ReconnectJitter = TimeSpan.FromSeconds(-1) }.Validate()).Code);
    }

    [Theory]
    [InlineData("mqtt://broker.local:1884", "broker.local", 1884, false)]
    [InlineData("mqtts://broker.local", "broker.local", 8883, true)]
    [InlineData("mqtt://127.0.0.1", "127.0.0.1", 1883, false)]
    public void BrokerAddress_Parse_ReadsHostPortAndTls(string url, string host, int port, bool tls)
    {
        Assert.Equal(new MqttBrokerAddress(host, port, tls), MqttBrokerAddress.Parse(url));
    }

    [Theory]
    [InlineData("http://broker")]
    [InlineData("broker:1883")]
    [InlineData("mqtt://user:pass@broker")]
    [InlineData("mqtt://broker/path")]
    public void BrokerAddress_Invalid_ThrowsInvalidArgument(string url)
    {
        Assert.Equal(MqttErrorCode.InvalidArgument, Assert.Throws<MqttException>(() => MqttBrokerAddress.Parse(url)).Code);
    }

    [Fact]
    public async Task ReceivedMessage_DisposedTwice_IsReusedOnceAndCarriesTheNextMessage()
    {
        var topic = $"test/{Guid.NewGuid():N}";
        await using var subscriber = await fixture.ConnectAsync();
        await subscriber.SubscribeAsync(topic, MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var publisher = await fixture.ConnectAsync();

        await publisher.PublishAsync(topic, "first"u8.ToArray(), MqttQos.AtLeastOnce);
        var first = await Eventually.ReadUntilAsync(subscriber.Messages, m => m.Topic == topic, "the first message");
        Assert.Equal("first", Encoding.UTF8.GetString(first.Payload.Span));
        first.Dispose();
        first.Dispose();

        await publisher.PublishAsync(topic, "second, longer than the first"u8.ToArray(), MqttQos.AtLeastOnce);
        await publisher.PublishAsync(topic, "third"u8.ToArray(), MqttQos.AtLeastOnce);
        var second = await Eventually.ReadUntilAsync(subscriber.Messages, m => m.Topic == topic, "the second message");
        var third = await Eventually.ReadUntilAsync(subscriber.Messages, m => m.Topic == topic, "the third message");

        Assert.Same(first, second);
        Assert.NotSame(second, third);
        Assert.Equal("second, longer than the first", Encoding.UTF8.GetString(second.Payload.Span));
        Assert.Equal("third", Encoding.UTF8.GetString(third.Payload.Span));
    }
}
