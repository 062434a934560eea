using System.Text;
using EdgeFactory.Factory.Fleet;

namespace EdgeFactory.Factory.Tests.Fleet;

/// <summary>The factory's picture of its edges, from presence and reported-state messages.</summary>
public sealed class FleetViewTests
{
    private readonly FleetView _view = new(TimeProvider.System);

    [Fact]
    public void Apply_PresenceThenReport_ShowsTheDeviceWithItsModels()
    {
        Assert.True(_view.Apply("ef/v1/line3/edges/jetson-a/online", Json("""{"deviceId":"jetson-a","presence":"online","softwareVersion":"1.2.0"}""")));
        Assert.True(_view.Apply("ef/v1/line3/edges/jetson-a/reported", Json("""
            {"deviceId":"jetson-a","appliedRevision":7,"models":[{"slot":"arm_reach","modelId":"arm_reach","version":"2.0.0","executionProvider":"cpu"}],
             "healthy":false,"at":"2026-11-26T10:00:00Z","problems":["arm_reach: arm_reach 3.0.0 revoked"]}
            """)));

        var device = Assert.Single(_view.Snapshot().Devices);
        Assert.Equal(("line3", "jetson-a", "online", "1.2.0", 7L), (device.Site, device.Device, device.Presence, device.SoftwareVersion, device.AppliedRevision));
        Assert.Equal("2.0.0", Assert.Single(device.Models).Version);
        Assert.False(device.Healthy);
        Assert.Equal(["arm_reach: arm_reach 3.0.0 revoked"], device.Problems);
        Assert.Equal(2, _view.Snapshot().Revision);
    }

    [Fact]
    public void Apply_Will_MarksTheDeviceOffline_AndAClearedRetainedPresenceUnknown()
    {
        _view.Apply("ef/v1/line3/edges/jetson-a/online", Json("""{"deviceId":"jetson-a","presence":"offline","softwareVersion":"1.2.0"}"""));
        Assert.Equal("offline", Assert.Single(_view.Snapshot().Devices).Presence);

        _view.Apply("ef/v1/line3/edges/jetson-a/online", []);
        Assert.Equal("unknown", Assert.Single(_view.Snapshot().Devices).Presence);
    }

    [Theory]
    [InlineData("ef/v1/line3/edges/jetson-a/online", "{not json")]
    [InlineData("ef/v1/line3/edges/jetson-a/online", """{"deviceId":"jetson-a","presence":"sleeping","softwareVersion":"1"}""")]
    [InlineData("ef/v1/line3/edges/jetson-a/reported", "null")]
    [InlineData("ef/v1/line3/edges/jetson-a/reported", """{"deviceId":"jetson-a","appliedRevision":"seven"}""")]
    public void Apply_Malformed_IsCountedAndChangesNothing(string topic, string payload)
    {
        Assert.False(_view.Apply(topic, Json(payload)));

        Assert.Equal(1, _view.Refused);
        Assert.Empty(_view.Snapshot().Devices);
        Assert.Equal(0, _view.Snapshot().Revision);
    }

    [Theory]
    [InlineData("ef/v1/line3/edges/jetson-a/desired")]
    [InlineData("ef/v1/line3/robots/arm-1/state")]
    [InlineData("ef/v1/fleet/revocations")]
    [InlineData("other/v1/line3/edges/jetson-a/online")]
    public void Apply_OtherTopics_AreIgnoredWithoutCounting(string topic)
    {
        Assert.False(_view.Apply(topic, Json("""{"deviceId":"jetson-a","presence":"online","softwareVersion":"1"}""")));

        Assert.Equal(0, _view.Refused);
        Assert.Empty(_view.Snapshot().Devices);
    }

    [Fact]
    public async Task Watch_StartsAtTheCurrentRevision_AndSeesTheLatestChange()
    {
        _view.Apply("ef/v1/line3/edges/a/online", Json("""{"deviceId":"a","presence":"online","softwareVersion":"1"}"""));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var watch = _view.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(1, watch.Current);
        _view.Apply("ef/v1/line3/edges/b/online", Json("""{"deviceId":"b","presence":"online","softwareVersion":"1"}"""));
        _view.Apply("ef/v1/line3/edges/c/online", Json("""{"deviceId":"c","presence":"online","softwareVersion":"1"}"""));
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(3, watch.Current);
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
}
