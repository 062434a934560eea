using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using EdgeFactory.Factory.Fleet;
using EdgeFactory.Factory.Http;
using EdgeFactory.Factory.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeFactory.Factory.Dashboard;

/// <summary>
/// The fleet dashboard: the page at <c>/</c>, the fleet and revocations as JSON, and one server-sent event stream
/// per open page (<c>fleet</c> on every change of the fleet view, <c>decision</c> for every decision recorded).
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Maps the page, <c>/v1/fleet</c>, <c>/v1/revocations</c> and <c>/v1/dashboard/events</c>.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app, FleetView fleet, IRegistryStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/v1/fleet", () => Results.Ok(fleet.Snapshot()));
        app.MapGet("/v1/revocations", async (CancellationToken cancellationToken) =>
            Results.Ok(await store.ListRevocationsAsync(cancellationToken).ConfigureAwait(false)));
        app.MapGet("/v1/dashboard/events", (long? after, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(EventsAsync(fleet, store, time, after ?? 0, cancellationToken)));
        return app;
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(FleetView fleet, IRegistryStore store, TimeProvider time, long after,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(256) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producers = Task.WhenAll(FleetAsync(fleet, events.Writer, stop.Token), DecisionsAsync(store, time, after, events.Writer, stop.Token));
        try
        {
            await foreach (var item in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task FleetAsync(FleetView fleet, ChannelWriter<SseItem<string>> events, CancellationToken cancellationToken)
    {
        await foreach (var revision in fleet.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            var json = JsonSerializer.Serialize(fleet.Snapshot(), FactoryJson.Default.FleetSnapshot);
            await events.WriteAsync(new SseItem<string>(json, "fleet") { EventId = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        }
    }

    // Decisions are few (people and rollouts make them), so each open page asks the store for new ones every
    // couple of seconds rather than the registry keeping a list of listeners.
    private static async Task DecisionsAsync(IRegistryStore store, TimeProvider time, long after, ChannelWriter<SseItem<string>> events, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var decision in await store.ListDecisionsAsync(after, cancellationToken).ConfigureAwait(false))
            {
                after = Math.Max(after, decision.Sequence);
                await events.WriteAsync(new SseItem<string>(JsonSerializer.Serialize(decision, FactoryJson.Default.DecisionRecord), "decision"), cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(DashboardPage.DecisionPoll, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
