using System.Net.Http.Json;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Factory.Dashboard;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Storage;
using EdgeFactory.Factory.Rollout.Waves;
using EdgeFactory.Models.Packages;

namespace EdgeFactory.Factory.Http;

/// <summary>The factory's HTTP API from the outside: what <c>edgefactory factory push|assign|revoke</c> use.</summary>
public sealed class FactoryClient
{
    private readonly HttpClient _http;

    /// <summary>Talks to the factory at <paramref name="http"/>'s base address as <paramref name="actor"/>, without a token (downloads only).</summary>
    public FactoryClient(HttpClient http, string actor)
        : this(http, actor, null)
    {
    }

    /// <summary>Talks to the factory at <paramref name="http"/>'s base address with a bearer <paramref name="token"/>, on behalf of <paramref name="actor"/>.</summary>
    public FactoryClient(HttpClient http, string actor, string? token)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _http.DefaultRequestHeaders.Remove(FactoryEndpoints.ActorHeader);
        _http.DefaultRequestHeaders.Add(FactoryEndpoints.ActorHeader, actor);
        _http.DefaultRequestHeaders.Authorization = token is null ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Uploads every file of the package in <paramref name="directory"/> under its hash, then registers its passport.</summary>
    public async Task<RegistryOutcome> PushAsync(string directory, CancellationToken cancellationToken)
    {
        var passportText = await File.ReadAllTextAsync(Path.Combine(directory, ModelPackageLayout.PassportFile), cancellationToken).ConfigureAwait(false);
        var signatureText = await File.ReadAllTextAsync(Path.Combine(directory, ModelPackageLayout.SignatureFile), cancellationToken).ConfigureAwait(false);
        var passport = JsonSerializer.Deserialize(passportText, ContractsJsonContext.Default.ModelPassport)
            ?? throw new InvalidDataException($"{directory} has no passport.");
        foreach (var file in passport.Files)
        {
            var stream = File.OpenRead(Path.Combine(directory, file.Path));
            await using (stream.ConfigureAwait(false))
            {
                using var content = new StreamContent(stream);
                using var response = await _http.PutAsync(new Uri($"v1/blobs/{file.Sha256}", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return await OutcomeAsync(response, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        using var passportDocument = JsonDocument.Parse(passportText);
        using var signatureDocument = JsonDocument.Parse(signatureText);
        var upload = new PackageUpload(passportDocument.RootElement, signatureDocument.RootElement);
        using var posted = await _http.PostAsJsonAsync(new Uri("v1/packages", UriKind.Relative), upload, FactoryJson.Default.PackageUpload, cancellationToken).ConfigureAwait(false);
        return await OutcomeAsync(posted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Assigns a version to a device.</summary>
    public async Task<RegistryOutcome> AssignAsync(AssignmentRequest request, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("v1/assignments", UriKind.Relative), request, FactoryJson.Default.AssignmentRequest, cancellationToken).ConfigureAwait(false);
        return await OutcomeAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds devices to a site's group; new members get the group's assignments.</summary>
    public async Task<RegistryOutcome> AddGroupMembersAsync(string site, string group, IReadOnlyList<string> devices, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(GroupUri(site, group, "/devices"), new GroupDevicesRequest(devices), FactoryJson.Default.GroupDevicesRequest, cancellationToken).ConfigureAwait(false);
        return await OutcomeAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a device from a site's group.</summary>
    public async Task<RegistryOutcome> RemoveGroupMemberAsync(string site, string group, string device, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync(GroupUri(site, group, "/devices/" + Uri.EscapeDataString(device)), cancellationToken).ConfigureAwait(false);
        return await OutcomeAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A group's members and assignments, or the refusal.</summary>
    public async Task<(GroupSummary? Group, RegistryOutcome Outcome)> GetGroupAsync(string site, string group, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(GroupUri(site, group, string.Empty), cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync(FactoryJson.Default.GroupSummary, cancellationToken).ConfigureAwait(false), new RegistryOutcome(null, "done"))
            : (null, await OutcomeAsync(response, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Revokes a version fleet-wide.</summary>
    public async Task<RegistryOutcome> RevokeAsync(RevocationRequest request, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("v1/revocations", UriKind.Relative), request, FactoryJson.Default.RevocationRequest, cancellationToken).ConfigureAwait(false);
        return await OutcomeAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a rollout; the rollout as started, or the refusal.</summary>
    public async Task<(RolloutStatus? Rollout, RegistryOutcome Outcome)> StartRolloutAsync(RolloutStartRequest request, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("v1/rollouts", UriKind.Relative), request, FactoryJson.Default.RolloutStartRequest, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync(FactoryJson.Default.RolloutStatus, cancellationToken).ConfigureAwait(false), new RegistryOutcome(null, "started"))
            : (null, await OutcomeAsync(response, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every rollout, newest first, or the refusal.</summary>
    public async Task<(IReadOnlyList<RolloutStatus>? Rollouts, RegistryOutcome Outcome)> ListRolloutsAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri("v1/rollouts", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync(FactoryJson.Default.IReadOnlyListRolloutStatus, cancellationToken).ConfigureAwait(false), new RegistryOutcome(null, "listed"))
            : (null, await OutcomeAsync(response, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Moves a rollout to its next wave without waiting for its gate.</summary>
    public async Task<RegistryOutcome> PromoteRolloutAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(new Uri($"v1/rollouts/{Uri.EscapeDataString(id)}/promote", UriKind.Relative), null, cancellationToken).ConfigureAwait(false);
        return await OutcomeAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops a rollout; every device it reached goes back to the previous version.</summary>
    public async Task<RegistryOutcome> AbortRolloutAsync(string id, string reason, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri($"v1/rollouts/{Uri.EscapeDataString(id)}/abort", UriKind.Relative), new RolloutAbortRequest(reason), FactoryJson.Default.RolloutAbortRequest, cancellationToken).ConfigureAwait(false);
        return await OutcomeAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tasks per hour by model version over the last <paramref name="span"/>, from the telemetry the factory stored.</summary>
    public async Task<(FleetThroughput? Throughput, RegistryOutcome Outcome)> ThroughputAsync(TimeSpan span, CancellationToken cancellationToken)
    {
        var minutes = span.TotalMinutes.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await _http.GetAsync(new Uri($"v1/dashboard/throughput?minutes={minutes}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync(FactoryJson.Default.FleetThroughput, cancellationToken).ConfigureAwait(false), new RegistryOutcome(null, "read"))
            : (null, await OutcomeAsync(response, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The factory's decisions after <paramref name="after"/>, oldest first.</summary>
    public async Task<(IReadOnlyList<DecisionRecord>? Decisions, RegistryOutcome Outcome)> DecisionsAsync(long after, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"v1/decisions?after={after}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync(FactoryJson.Default.IReadOnlyListDecisionRecord, cancellationToken).ConfigureAwait(false), new RegistryOutcome(null, "read"))
            : (null, await OutcomeAsync(response, cancellationToken).ConfigureAwait(false));
    }

    private static Uri GroupUri(string site, string group, string rest) =>
        new($"v1/groups/{Uri.EscapeDataString(site)}/{Uri.EscapeDataString(group)}{rest}", UriKind.Relative);

    private static async Task<RegistryOutcome> OutcomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await response.Content.ReadFromJsonAsync(FactoryJson.Default.RegistryOutcome, cancellationToken).ConfigureAwait(false);
            if (outcome is not null)
            {
                return outcome;
            }
        }
        catch (JsonException)
        {
        }

        return response.IsSuccessStatusCode ? new RegistryOutcome(null, "done") : new RegistryOutcome("http_" + (int)response.StatusCode, response.ReasonPhrase ?? "failed");
    }
}
