using EdgeFactory.Contracts.Json;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace EdgeFactory.Factory.Http;

/// <summary>The factory's HTTP API: blobs by hash (with ranges and strong ETags), packages, assignments, revocations, decisions.</summary>
public static class FactoryEndpoints
{
    /// <summary>Header that names who made a request, for the decision record.</summary>
    public const string ActorHeader = "EdgeFactory-Actor";

    /// <summary>Largest blob accepted.</summary>
    public const long MaxBlobBytes = 4L << 30;

    /// <summary>Maps every endpoint under <c>/v1</c>.</summary>
    public static IEndpointRouteBuilder MapFactory(this IEndpointRouteBuilder app, ModelRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var v1 = app.MapGroup("/v1");
        v1.MapPut("/blobs/{sha256}", async (string sha256, HttpRequest request, CancellationToken cancellationToken) =>
        {
            var problem = await registry.Blobs.PutAsync(sha256, request.Body, MaxBlobBytes, cancellationToken).ConfigureAwait(false);
            return problem is null
                ? Results.Created($"/v1/blobs/{sha256}", null)
                : Results.UnprocessableEntity(new RegistryOutcome(Models.Packages.PassportErrorCodes.HashMismatch, $"Blob {sha256} refused: {problem}."));
        });
        v1.MapGet("/blobs/{sha256}", (string sha256) => Blob(registry, sha256));
        v1.MapPost("/packages", async (PackageUpload upload, HttpRequest request, CancellationToken cancellationToken) =>
            Result(await registry.PushAsync(upload.Passport.GetRawText(), upload.Signature.GetRawText(), Actor(request), cancellationToken).ConfigureAwait(false), created: true));
        v1.MapGet("/packages", async (CancellationToken cancellationToken) =>
        {
            var packages = await registry.Store.ListPackagesAsync(cancellationToken).ConfigureAwait(false);
            return Results.Ok((IReadOnlyList<PackageSummary>)[.. packages.Select(p => new PackageSummary(p.Name, p.Version, p.Digest, p.At))]);
        });
        v1.MapGet("/packages/{name}/{version}/{**path}", async (string name, string version, string path, CancellationToken cancellationToken) =>
        {
            var package = await registry.Store.FindPackageAsync(name, version, cancellationToken).ConfigureAwait(false);
            if (package is null)
            {
                return Results.NotFound(new RegistryOutcome(RegistryOutcome.NotFound, $"{name} {version} is not registered."));
            }

            return path switch
            {
                Models.Packages.ModelPackageLayout.PassportFile => Results.Text(package.Passport, "application/json"),
                Models.Packages.ModelPackageLayout.SignatureFile => Results.Text(package.Signature, "application/json"),
                _ => FileOf(registry, package, path),
            };
        });
        v1.MapPost("/assignments", async (AssignmentRequest body, HttpRequest request, CancellationToken cancellationToken) =>
            Result(await registry.AssignAsync(new AssignmentRecord(body.Site, body.Device, body.Slot ?? body.Model, body.Model, body.Version, body.Rollback), Actor(request), cancellationToken).ConfigureAwait(false)));
        v1.MapPost("/revocations", async (RevocationRequest body, HttpRequest request, CancellationToken cancellationToken) =>
            Result(await registry.RevokeAsync(body.Model, body.Version, body.Reason, Actor(request), cancellationToken).ConfigureAwait(false)));
        v1.MapGet("/decisions", async (long? after, CancellationToken cancellationToken) =>
            Results.Ok(await registry.Store.ListDecisionsAsync(after ?? 0, cancellationToken).ConfigureAwait(false)));
        return app;
    }

    private static IResult FileOf(ModelRegistry registry, PackageRecord package, string path)
    {
        var passport = System.Text.Json.JsonSerializer.Deserialize(package.Passport, ContractsJsonContext.Default.ModelPassport)!;
        var file = passport.Files.FirstOrDefault(f => f.Path == path);
        return file is null
            ? Results.NotFound(new RegistryOutcome(RegistryOutcome.NotFound, $"{package.Name} {package.Version} has no file {path}."))
            : Blob(registry, file.Sha256);
    }

    private static IResult Blob(ModelRegistry registry, string sha256) => registry.Blobs.Find(sha256) is { } file
        ? Results.File(file, "application/octet-stream", enableRangeProcessing: true, entityTag: new EntityTagHeaderValue($"\"{sha256}\""))
        : Results.NotFound(new RegistryOutcome(RegistryOutcome.NotFound, $"No blob {sha256}."));

    private static IResult Result(RegistryOutcome outcome, bool created = false) => outcome.Code switch
    {
        null => created ? Results.Json(outcome, statusCode: StatusCodes.Status201Created) : Results.Ok(outcome),
        RegistryOutcome.NotFound => Results.NotFound(outcome),
        RegistryOutcome.Conflict => Results.Conflict(outcome),
        _ => Results.UnprocessableEntity(outcome),
    };

    private static string Actor(HttpRequest request) =>
        request.Headers.TryGetValue(ActorHeader, out var actor) && actor.ToString() is { Length: > 0 and <= 128 } name ? name : "anonymous";
}
