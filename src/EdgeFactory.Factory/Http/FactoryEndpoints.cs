using EdgeFactory.Factory.Access;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace EdgeFactory.Factory.Http;

/// <summary>
/// The factory's HTTP API: blobs by hash (with ranges and strong ETags) and package files, open to devices; uploads,
/// packages, assignments, groups, revocations and the decision record only with a bearer token.
/// </summary>
public static class FactoryEndpoints
{
    /// <summary>Header that names on whose behalf a token's holder acts, for the decision record.</summary>
    public const string ActorHeader = "EdgeFactory-Actor";

    /// <summary>Largest blob accepted.</summary>
    public const long MaxBlobBytes = 4L << 30;

    private const string TokenName = "edgefactory.token";

    /// <summary>Maps every endpoint under <c>/v1</c>; those that change or reveal decisions pass <paramref name="access"/> first.</summary>
    public static IEndpointRouteBuilder MapFactory(this IEndpointRouteBuilder app, ModelRegistry registry, AccessGate access)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(access);
        var v1 = app.MapGroup("/v1");
        MapDownloads(v1, registry);
        var guarded = app.MapGuarded(access);
        guarded.MapPut("/blobs/{sha256}", async (string sha256, HttpRequest request, CancellationToken cancellationToken) =>
        {
            var problem = await registry.Blobs.PutAsync(sha256, request.Body, MaxBlobBytes, cancellationToken).ConfigureAwait(false);
            return problem is null
                ? Results.Created($"/v1/blobs/{sha256}", null)
                : Results.UnprocessableEntity(new RegistryOutcome(Models.Packages.PassportErrorCodes.HashMismatch, $"Blob {sha256} refused: {problem}."));
        });
        guarded.MapPost("/packages", async (PackageUpload upload, HttpRequest request, CancellationToken cancellationToken) =>
            Result(await registry.PushAsync(upload.Passport.GetRawText(), upload.Signature.GetRawText(), Actor(request), cancellationToken).ConfigureAwait(false), created: true));
        guarded.MapPost("/assignments", async (AssignmentRequest body, HttpRequest request, CancellationToken cancellationToken) =>
            Result(await AssignAsync(registry, body, Actor(request), cancellationToken).ConfigureAwait(false)));
        guarded.MapPost("/revocations", async (RevocationRequest body, HttpRequest request, CancellationToken cancellationToken) =>
            Result(await registry.RevokeAsync(body.Model, body.Version, body.Reason, Actor(request), cancellationToken).ConfigureAwait(false)));
        guarded.MapGet("/decisions", async (long? after, CancellationToken cancellationToken) =>
            Results.Ok(await registry.Store.ListDecisionsAsync(after ?? 0, cancellationToken).ConfigureAwait(false)));
        MapGroups(guarded, registry);
        return app;
    }

    /// <summary>A <c>/v1</c> group whose endpoints need a valid bearer token; the token's name becomes the request's actor.</summary>
    public static RouteGroupBuilder MapGuarded(this IEndpointRouteBuilder app, AccessGate access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return app.MapGroup("/v1").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var (name, refusal) = access.Check(http.Request.Headers.Authorization.ToString() is { Length: > 0 } value ? value : null, $"{http.Request.Method} {http.Request.Path}");
            if (refusal is not null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Json(new RegistryOutcome(refusal, "This request needs a valid bearer token (edgefactory factory token new)."), FactoryJson.Default.RegistryOutcome, statusCode: StatusCodes.Status401Unauthorized);
            }

            http.Items[TokenName] = name;
            return await next(context).ConfigureAwait(false);
        });
    }

    private static void MapDownloads(RouteGroupBuilder v1, ModelRegistry registry)
    {
        v1.MapGet("/blobs/{sha256}", (string sha256) => Blob(registry, sha256));
        v1.MapGet("/packages", async (CancellationToken cancellationToken) =>
        {
            var packages = await registry.Store.ListPackagesAsync(cancellationToken).ConfigureAwait(false);
            return Results.Ok((IReadOnlyList<PackageSummary>)[.. packages.Select(p => new PackageSummary(p.Name, p.Version, p.Digest, p.At))]);
        });
        v1.MapGet("/packages/{name}/{version}/{**path}", async (string name, string version, string path, HttpResponse response, CancellationToken cancellationToken) =>
        {
            if (await registry.Packages.FindAsync(name, version, cancellationToken).ConfigureAwait(false) is not { } package)
            {
                return Results.NotFound(new RegistryOutcome(RegistryOutcome.NotFound, $"{name} {version} is not registered."));
            }

            return path switch
            {
                Models.Packages.ModelPackageLayout.PassportFile => PassportWithSignature(response, package.Record),
                Models.Packages.ModelPackageLayout.SignatureFile => Results.Text(package.Record.Signature, "application/json"),
                _ => package.Files.TryGetValue(path, out var sha256)
                    ? Blob(registry, sha256)
                    : Results.NotFound(new RegistryOutcome(RegistryOutcome.NotFound, $"{name} {version} has no file {path}.")),
            };
        });
    }

    private static void MapGroups(RouteGroupBuilder guarded, ModelRegistry registry)
    {
        guarded.MapPost("/groups/{site}/{group}/devices", async (string site, string group, GroupDevicesRequest body, HttpRequest request, CancellationToken cancellationToken) =>
            Result(await registry.AddGroupMembersAsync(site, group, body.Devices ?? [], Actor(request), cancellationToken).ConfigureAwait(false)));
        guarded.MapDelete("/groups/{site}/{group}/devices/{device}", async (string site, string group, string device, HttpRequest request, CancellationToken cancellationToken) =>
            Result(await registry.RemoveGroupMemberAsync(site, group, device, Actor(request), cancellationToken).ConfigureAwait(false)));
        guarded.MapGet("/groups/{site}/{group}", async (string site, string group, CancellationToken cancellationToken) =>
            Results.Ok(new GroupSummary(
                site,
                group,
                await registry.Store.ListGroupMembersAsync(site, group, cancellationToken).ConfigureAwait(false),
                await registry.Store.ListGroupAssignmentsAsync(site, group, cancellationToken).ConfigureAwait(false))));
    }

    private static Task<RegistryOutcome> AssignAsync(ModelRegistry registry, AssignmentRequest body, string actor, CancellationToken cancellationToken) => (body.Device, body.Group) switch
    {
        ({ } device, null) => registry.AssignAsync(new AssignmentRecord(body.Site, device, body.Slot ?? body.Model, body.Model, body.Version, body.Rollback), actor, cancellationToken),
        (null, { } group) => registry.AssignGroupAsync(new GroupAssignmentRecord(body.Site, group, body.Slot ?? body.Model, body.Model, body.Version, body.Rollback), actor, cancellationToken),
        _ => Task.FromResult(new RegistryOutcome(RegistryOutcome.InvalidRequest, "Name a device or a group, not both.")),
    };

    // The detached signature rides along as a header, so an edge needs one request for both; passport.sig stays served.
    private static IResult PassportWithSignature(HttpResponse response, PackageRecord record)
    {
        response.Headers[Models.Packages.ModelPackageLayout.SignatureHeader] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(record.Signature));
        return Results.Text(record.Passport, "application/json");
    }

    private static IResult Blob(ModelRegistry registry, string sha256) => registry.Blobs.Find(sha256) is { } file
        ? Results.File(file, "application/octet-stream", enableRangeProcessing: true, entityTag: new EntityTagHeaderValue($"\"{sha256}\""))
        : Results.NotFound(new RegistryOutcome(RegistryOutcome.NotFound, $"No blob {sha256}."));

    /// <summary>An outcome as an HTTP result: 200 or 201 on success, 404, 409 or 422 with the outcome otherwise.</summary>
    internal static IResult Result(RegistryOutcome outcome, bool created = false) => outcome.Code switch
    {
        null => created ? Results.Json(outcome, statusCode: StatusCodes.Status201Created) : Results.Ok(outcome),
        RegistryOutcome.NotFound => Results.NotFound(outcome),
        RegistryOutcome.Conflict => Results.Conflict(outcome),
        _ => Results.UnprocessableEntity(outcome),
    };

    /// <summary>Who made a guarded request: the token's name, and on whose behalf when the actor header says so (a CI job's token used for a person).</summary>
    internal static string Actor(HttpRequest request)
    {
        var name = request.HttpContext.Items[TokenName] as string ?? "anonymous";
        return request.Headers.TryGetValue(ActorHeader, out var actor) && actor.ToString() is { Length: > 0 and <= 128 } behalf && behalf != name
            ? $"{name} for {behalf}"
            : name;
    }
}
