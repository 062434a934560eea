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
        Assert.Null((await factory.Client.PushAsync(await factory.PackageAsync("1.1.0"), CancellationToken.None)).Code);
        Assert.Null((await factory.Client.AddGroupMembersAsync("line3", "cells", ["jetson-a", "jetson-b"], CancellationToken.None)).Code);
        Assert.Null((await factory.Client.AssignAsync(new AssignmentRequest("line3", null, "pick-policy", "1.1.0", Group: "cells"), CancellationToken.None)).Code);
        Assert.Null((await factory.Client.RevokeAsync(new RevocationRequest("pick-policy", "1.0.0", "grips too hard"), CancellationToken.None)).Code);
        Assert.Null((await factory.Client.PushAsync(await factory.PackageAsync("1.2.0"), CancellationToken.None)).Code);
        var (rollout, started) = await factory.Client.StartRolloutAsync(new RolloutStartRequest("pick-policy", "1.2.0", "line3", "cells", "1,100%", 3600), CancellationToken.None);
        Assert.True(rollout is not null, started.Message);
        await Eventually.TrueAsync(() => factory.Host.Fleet.Snapshot().Devices.Count == 3, "three devices in the fleet view");

        await using var browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await SignInAsync(page, factory);

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

        // A rollout shows with its phase; clicking it opens its waves and devices.
        var rolloutRow = page.Locator($"tr[data-rollout='{rollout.Spec.Id}']");
        await Assertions.Expect(rolloutRow).ToContainTextAsync("pick-policy 1.1.0 → 1.2.0");
        await Assertions.Expect(rolloutRow).ToContainTextAsync("Baking");
        await rolloutRow.ClickAsync();
        await Assertions.Expect(page.Locator($"tr[data-gate='{rollout.Spec.Id}']")).ToContainTextAsync(Assert.Single(rollout.WaveDevices));

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
        await SignInAsync(page, factory);

        await Assertions.Expect(page.Locator("tr[data-device='line5/jetson-x']")).ToContainTextAsync("<img src=x");
        Assert.Equal(0, await page.Locator("#devices img").CountAsync());
        Assert.Equal("EdgeFactory fleet", await page.TitleAsync());
    }

    [Fact]
    public async Task Dashboard_WithoutAToken_ShowsNothingButTheSignIn_AndRefusesAWrongOne()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        await using var edges = await broker.ConnectAsync();
        await PresenceAsync(edges, "line3", "jetson-a", "online");
        await Eventually.TrueAsync(() => factory.Host.Fleet.Snapshot().Devices.Count == 1, "the device in the fleet view");
        using var anonymous = new HttpClient { BaseAddress = factory.Host.Address };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("v1/dashboard/fleet", UriKind.Relative))).StatusCode);

        await using var browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(factory.Host.Address.ToString());
        await Assertions.Expect(page.Locator("#signin")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#views")).ToBeHiddenAsync();
        await page.FillAsync("#token", "not-a-token");
        await page.ClickAsync("#signin-button");

        await Assertions.Expect(page.Locator("#signin-error")).ToHaveTextAsync("That token was refused.");
        await Assertions.Expect(page.Locator("#views")).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator("tr[data-device]").CountAsync());
    }

    private static async Task SignInAsync(IPage page, TestFactory factory)
    {
        await page.GotoAsync(factory.Host.Address.ToString());
        await page.FillAsync("#token", factory.Token);
        await page.ClickAsync("#signin-button");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live");
    }

    private static async Task PresenceAsync(MqttClient edges, string site, string device, string presence, string? reason = null) =>
        await edges.PublishAsync($"ef/v1/{site}/edges/{device}/online",
            Encoding.UTF8.GetBytes($$"""{"deviceId":"{{device}}","presence":"{{presence}}","softwareVersion":"1.2.0"{{(reason is null ? "" : $",\"reason\":\"{reason}\"")}}}"""),
            MqttQos.AtLeastOnce, retain: true, cancellationToken: CancellationToken.None);
}
