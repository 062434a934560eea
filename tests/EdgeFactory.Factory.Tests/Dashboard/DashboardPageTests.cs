using System.Text;
using EdgeFactory.Factory.Http;
using EdgeFactory.Factory.Tests.Http;
using EdgeFactory.Mqtt;
using EdgeFactory.Testing;
using Microsoft.Playwright;

namespace EdgeFactory.Factory.Tests.Dashboard;

/// <summary>The fleet dashboard in a real Chromium against a running factory, with edges on a real broker of each test's own (retained presence would otherwise leak between tests).</summary>
public sealed class DashboardPageTests : IAsyncLifetime
{
    private readonly BrokerFixture broker = new();

    public Task InitializeAsync() => broker.InitializeAsync();

    public Task DisposeAsync() => broker.DisposeAsync();

    [Fact]
    public async Task Dashboard_ShowsWhatTheFactoryKnows_AndUpdatesLive()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        await using var edges = await broker.ConnectAsync();
        await PresenceAsync(edges, "line3", "jetson-a", "online");
        await PresenceAsync(edges, "line3", "jetson-b", "degraded", "robot arm-2 restarting");
        await PresenceAsync(edges, "line4", "jetson-c", "offline");
        await edges.PublishAsync("ef/v1/line3/edges/jetson-a/reported", Encoding.UTF8.GetBytes("""
            {"deviceId":"jetson-a","appliedRevision":3,"models":[{"slot":"pick-policy","modelId":"pick-policy","version":"1.0.0","executionProvider":"cpu"}],
             "healthy":true,"at":"2026-11-26T10:00:00Z"}
            """), MqttQos.AtLeastOnce, retain: true, cancellationToken: CancellationToken.None);
        Assert.Null((await factory.Client.PushAsync(await factory.PackageAsync("1.0.0"), CancellationToken.None)).Code);
        Assert.Null((await factory.Client.RevokeAsync(new RevocationRequest("pick-policy", "1.0.0", "grips too hard"), CancellationToken.None)).Code);
        await Eventually.TrueAsync(() => factory.Host.Fleet.Snapshot().Devices.Count == 3, "three devices in the fleet view");

        await using var browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(factory.Host.Address.ToString());
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live");

        // The figures on the page are the factory's own.
        var fleet = factory.Host.Fleet.Snapshot();
        await Assertions.Expect(page.Locator("[data-figure=devices]")).ToHaveTextAsync(fleet.Devices.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-figure=online]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-figure=degraded]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-figure=offline]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(fleet.Devices.Count);
        await Assertions.Expect(page.Locator("tr[data-device='line3/jetson-a']")).ToContainTextAsync("pick-policy: pick-policy 1.0.0 on cpu");
        await Assertions.Expect(page.Locator("tr[data-device='line3/jetson-b']")).ToContainTextAsync("robot arm-2 restarting");
        var decisions = await factory.Host.Registry.Store.ListDecisionsAsync(0, CancellationToken.None);
        await Assertions.Expect(page.Locator("#decisions tbody tr")).ToHaveCountAsync(decisions.Count);
        await Assertions.Expect(page.Locator("#decisions tbody tr").First).ToContainTextAsync(decisions[^1].Action);
        var revoked = Assert.Single(await factory.Host.Registry.Store.ListRevocationsAsync(CancellationToken.None));
        await Assertions.Expect(page.Locator("#revocations tbody")).ToContainTextAsync(revoked.Reason);

        // A device coming back shows without a reload.
        await PresenceAsync(edges, "line4", "jetson-c", "online");
        await Assertions.Expect(page.Locator("[data-figure=online]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-figure=offline]")).ToHaveTextAsync("0");

        Directory.CreateDirectory(RepositoryPaths.Of(".build", "test-results"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Of(".build", "test-results", "dashboard.png"), FullPage = true });
    }

    [Fact]
    public async Task Dashboard_ShowsDeviceText_AsText_NeverAsMarkup()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        await using var edges = await broker.ConnectAsync();
        await PresenceAsync(edges, "line5", "jetson-x", "degraded", "<img src=x onerror=\\\"document.title='owned'\\\">");
        await Eventually.TrueAsync(() => factory.Host.Fleet.Snapshot().Devices.Any(d => d.Site == "line5"), "the device in the fleet view");

        await using var browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(factory.Host.Address.ToString());

        await Assertions.Expect(page.Locator("tr[data-device='line5/jetson-x']")).ToContainTextAsync("<img src=x");
        Assert.Equal(0, await page.Locator("#devices img").CountAsync());
        Assert.Equal("EdgeFactory fleet", await page.TitleAsync());
    }

    private static async Task PresenceAsync(MqttClient edges, string site, string device, string presence, string? reason = null) =>
        await edges.PublishAsync($"ef/v1/{site}/edges/{device}/online",
            Encoding.UTF8.GetBytes($$"""{"deviceId":"{{device}}","presence":"{{presence}}","softwareVersion":"1.2.0"{{(reason is null ? "" : $",\"reason\":\"{reason}\"")}}}"""),
            MqttQos.AtLeastOnce, retain: true, cancellationToken: CancellationToken.None);
}
