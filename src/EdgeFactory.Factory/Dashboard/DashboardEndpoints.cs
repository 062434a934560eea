using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using EdgeFactory.Factory.Access;
using EdgeFactory.Factory.Fleet;
using EdgeFactory.Factory.Http;
using EdgeFactory.Factory.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeFactory.Factory.Dashboard;

/// <summary>
/// The fleet dashboard: the page at <c>/</c> (which holds no data), and under <c>/v1/dashboard</c> the fleet,
/// revocations, rollouts and tasks per hour by version, plus one server-sent event stream per open page. Everything
/// under <c>/v1/dashboard</c> needs a factory token, as a bearer header or as the HttpOnly cookie that
/// <c>POST /v1/dashboard/session</c> sets after checking one; the cookie opens only these read-only views.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Cookie that carries a browser's token to the dashboard's views.</summary>
    public const string SessionCookie = "edgefactory_dashboard";

    private const string Prefix = "/v1/dashboard";

    /// <summary>Maps the page and the dashboard's views.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app, DashboardSources sources, AccessGate access)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(access);
        app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8"));
        app.MapPost(Prefix + "/session", (HttpContext http) =>
        {
            var authorization = http.Request.Headers.Authorization.ToString();
            var (_, refusal) = access.Check(authorization.Length > 0 ? authorization : null, "dashboard sign-in");
            if (refusal is not null)
            {
                return Results.Json(new RegistryOutcome(refusal, "That is not a factory token (edgefactory factory token new)."), FactoryJson.Default.RegistryOutcome, statusCode: StatusCodes.Status401Unauthorized);
            }

            http.Response.Cookies.Append(SessionCookie, authorization["Bearer ".Length..].Trim(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = Prefix,
            });
            return Results.NoContent();
        });

        var views = app.MapGroup(Prefix).AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            var authorization = request.Headers.Authorization.ToString() is { Length: > 0 } header ? header
                : request.Cookies.TryGetValue(SessionCookie, out var cookie) ? "Bearer " + cookie : null;
            var (_, refusal) = access.Check(authorization, $"{request.Method} {request.Path}");
            return refusal is null
                ? await next(context).ConfigureAwait(false)
                : Results.Json(new RegistryOutcome(refusal, "Sign in with a factory token."), FactoryJson.Default.RegistryOutcome, statusCode: StatusCodes.Status401Unauthorized);
        });
        views.MapGet("/fleet", () => Results.Json(sources.Fleet.Snapshot(), FactoryJson.Default.FleetSnapshot));
        views.MapGet("/revocations", async (CancellationToken cancellationToken) =>
            Results.Json(await sources.Registry.ListRevocationsAsync(cancellationToken).ConfigureAwait(false), FactoryJson.Default.IReadOnlyListModelRevocation));
        views.MapGet("/rollouts", async (CancellationToken cancellationToken) =>
            Results.Json(await sources.Rollouts.ListRolloutsAsync(cancellationToken).ConfigureAwait(false), FactoryJson.Default.IReadOnlyListRolloutStatus));
        views.MapGet("/throughput", async (double? minutes, CancellationToken cancellationToken) =>
            Results.Json(await sources.ThroughputAsync(TimeSpan.FromMinutes(Math.Clamp(minutes ?? 30, 1, 24 * 60)), cancellationToken).ConfigureAwait(false), FactoryJson.Default.FleetThroughput));
        views.MapGet("/events", (long? after, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(EventsAsync(sources, after ?? 0, cancellationToken)));
        return app;
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(DashboardSources sources, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(256) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producers = Task.WhenAll(FleetAsync(sources.Fleet, events.Writer, stop.Token), RecordsAsync(sources, after, events.Writer, stop.Token));
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

    // Decisions, rollouts and telemetry change at human and window pace, so each open page looks for news every
    // couple of seconds rather than the factory keeping lists of listeners; rollouts and throughput go out only when
    // they changed.
    private static async Task RecordsAsync(DashboardSources sources, long after, ChannelWriter<SseItem<string>> events, CancellationToken cancellationToken)
    {
        string? rollouts = null, throughput = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var decision in await sources.Registry.ListDecisionsAsync(after, cancellationToken).ConfigureAwait(false))
            {
                after = Math.Max(after, decision.Sequence);
                await events.WriteAsync(new SseItem<string>(JsonSerializer.Serialize(decision, FactoryJson.Default.DecisionRecord), "decision"), cancellationToken).ConfigureAwait(false);
            }

            var nowRollouts = JsonSerializer.Serialize(await sources.Rollouts.ListRolloutsAsync(cancellationToken).ConfigureAwait(false), FactoryJson.Default.IReadOnlyListRolloutStatus);
            if (nowRollouts != rollouts)
            {
                rollouts = nowRollouts;
                await events.WriteAsync(new SseItem<string>(nowRollouts, "rollouts"), cancellationToken).ConfigureAwait(false);
            }

            var figures = await sources.ThroughputAsync(DashboardPage.ThroughputSpan, cancellationToken).ConfigureAwait(false);
            var nowThroughput = JsonSerializer.Serialize(figures with { From = default, To = default }, FactoryJson.Default.FleetThroughput);
            if (nowThroughput != throughput)
            {
                throughput = nowThroughput;
                await events.WriteAsync(new SseItem<string>(JsonSerializer.Serialize(figures, FactoryJson.Default.FleetThroughput), "throughput"), cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(DashboardPage.Poll, sources.Time, cancellationToken).ConfigureAwait(false);
        }
    }
}
