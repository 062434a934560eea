using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Rollout.Waves;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeFactory.Factory.Http;

/// <summary>Rollouts over HTTP, all behind the bearer token: start, list, show, promote, abort.</summary>
public static class RolloutEndpoints
{
    /// <summary>Maps <c>/v1/rollouts</c> on a guarded group.</summary>
    public static RouteGroupBuilder MapRollouts(this RouteGroupBuilder guarded, RolloutController controller, IRolloutLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(ledger);
        guarded.MapPost("/rollouts", async (RolloutStartRequest body, HttpRequest request, CancellationToken cancellationToken) =>
        {
            if (!double.IsFinite(body.BakeSeconds) || body.BakeSeconds <= 0 || body.BakeSeconds > TimeSpan.FromDays(30).TotalSeconds)
            {
                return FactoryEndpoints.Result(new RegistryOutcome(RolloutController.Invalid, "The bake time must be positive and at most 30 days."));
            }

            var (outcome, status) = await controller.StartAsync(
                new RolloutRequest(body.Model, body.Version, body.Site, body.Group, body.Waves, TimeSpan.FromSeconds(body.BakeSeconds), body.Slot),
                FactoryEndpoints.Actor(request),
                cancellationToken).ConfigureAwait(false);
            return status is null ? FactoryEndpoints.Result(outcome) : Results.Json(status, FactoryJson.Default.RolloutStatus, statusCode: StatusCodes.Status201Created);
        });
        guarded.MapGet("/rollouts", async (CancellationToken cancellationToken) =>
            Results.Json(await ledger.ListRolloutsAsync(cancellationToken).ConfigureAwait(false), FactoryJson.Default.IReadOnlyListRolloutStatus));
        guarded.MapGet("/rollouts/{id}", async (string id, CancellationToken cancellationToken) =>
            await ledger.FindRolloutAsync(id, cancellationToken).ConfigureAwait(false) is { } status
                ? Results.Json(status, FactoryJson.Default.RolloutStatus)
                : FactoryEndpoints.Result(new RegistryOutcome(RegistryOutcome.NotFound, $"No rollout {id}.")));
        guarded.MapPost("/rollouts/{id}/promote", async (string id, HttpRequest request, CancellationToken cancellationToken) =>
            FactoryEndpoints.Result(await controller.PromoteAsync(id, FactoryEndpoints.Actor(request), cancellationToken).ConfigureAwait(false)));
        guarded.MapPost("/rollouts/{id}/abort", async (string id, RolloutAbortRequest body, HttpRequest request, CancellationToken cancellationToken) =>
            FactoryEndpoints.Result(await controller.AbortAsync(id, FactoryEndpoints.Actor(request), body.Reason, cancellationToken).ConfigureAwait(false)));
        return guarded;
    }
}
