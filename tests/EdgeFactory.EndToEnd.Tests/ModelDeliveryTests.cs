using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

/// <summary>
/// Model delivery with every part real: <c>factory run</c>, <c>edge run</c> and two <c>robot-sim</c> controllers as child
/// processes on Mosquitto; packages signed with <c>model passport</c> from <c>models/policy</c>.
/// </summary>
public sealed class ModelDeliveryTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private const string PickPlace = """{"taskId":"ID","taskType":"pick_place","robotId":"cell-1","parameters":{"part":"bracket","from_bin":20,"to_bin":1}}""";
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-delivery-").FullName;

    [Fact]
    public async Task AssignedVersion_ReachesTheControlLoop_AndRevokingItFallsBackToTheSitePolicy()
    {
        await using var line = await DeliveryLine.StartAsync(broker, _folder);
        await using var edge = await line.StartEdgeAsync();
        await line.PushAsync("arm_reach_v2.onnx", "2.0.0");

        await line.AssignAsync("2.0.0");
        var running = await line.ReportedAsync(r => r.Models.Any(m => m is { Slot: "arm_reach", Version: "2.0.0" }), "arm_reach 2.0.0 running");
        await Eventually.TrueAsync(() => edge.Error.Contains("Policy arm_reach now runs arm_reach@2.0.0", StringComparison.Ordinal), "the policy slot swapped");
        await using (var mes = await MesProbe.ConnectAsync(broker.ClientOptions("mes-dl"), line.Site))
        {
            await mes.SubmitAsync(PickPlace.Replace("ID", "t1", StringComparison.Ordinal));
            var final = await mes.WaitForFinalAsync("t1", TimeSpan.FromSeconds(60));
            Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Message}");
        }

        var listed = await line.ModelsAsync();
        await line.RevokeAsync("2.0.0");
        var fallback = await line.ReportedAsync(r => r.Problems is not null && r.Models.Any(m => m.Slot == "arm_reach" && m.Version == "arm_reach_v1"), "the site policy back after the revocation");
        var afterRevocation = await line.ModelsAsync();

        Assert.True(running.Healthy);
        Assert.Equal("cpu", running.Models.Single().ExecutionProvider);
        Assert.Equal("2.0.0", listed.GetProperty("running")[0].GetProperty("version").GetString());
        var installed = Assert.Single(listed.GetProperty("installed").EnumerateArray());
        Assert.Equal(("arm_reach", "2.0.0", true, JsonValueKind.Null), (installed.GetProperty("modelId").GetString(), installed.GetProperty("version").GetString(), installed.GetProperty("current").GetBoolean(), installed.GetProperty("verdict").ValueKind));
        Assert.Contains("arm_reach: arm_reach 2.0.0 revoked", fallback.Problems!);
        var refused = Assert.Single(afterRevocation.GetProperty("refused").EnumerateArray());
        Assert.Equal(("arm_reach", "2.0.0", "revoked"), (refused.GetProperty("modelId").GetString(), refused.GetProperty("version").GetString(), refused.GetProperty("code").GetString()));
        Assert.Equal("arm_reach_v1", afterRevocation.GetProperty("running")[0].GetProperty("version").GetString());
        // The revoked version is no one's current any more: a restart without the network runs the site policy.
        Assert.False(Assert.Single(afterRevocation.GetProperty("installed").EnumerateArray()).GetProperty("current").GetBoolean());
    }

    [Fact]
    public async Task EdgeKilledDuringASwap_ComesBackOnAVerifiedVersion_WithoutTheFactory()
    {
        await using var line = await DeliveryLine.StartAsync(broker, _folder);
        await using (var edge = await line.StartEdgeAsync())
        {
            await line.PushAsync("arm_reach_v2.onnx", "2.0.0");
            await line.AssignAsync("2.0.0");

            // Logged once the package verified, just before it moves into installed/ and the slot table is rewritten.
            await Eventually.TrueAsync(() => edge.Error.Contains("verified; installing it into slot arm_reach", StringComparison.Ordinal), "the install starting", TimeSpan.FromSeconds(60));
            await edge.KillAsync();
        }

        // The factory is gone too: the edge has only its disk.
        await line.Factory.KillAsync();
        await using var restarted = await line.StartEdgeAsync();
        var models = await line.ModelsAsync();

        var current = models.GetProperty("installed").EnumerateArray().Where(p => p.GetProperty("current").GetBoolean()).ToList();
        Assert.All(models.GetProperty("installed").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("verdict").ValueKind));
        if (current.Count == 1)
        {
            // The kill came after the slot table named 2.0.0: it runs again, verified from disk before the first task.
            Assert.Equal("2.0.0", models.GetProperty("running")[0].GetProperty("version").GetString());
            Assert.Contains("slot arm_reach runs arm_reach 2.0.0 from disk", restarted.Error, StringComparison.Ordinal);
        }
        else
        {
            // The kill came before the table was renamed into place (a slots.json.tmp may be left): the slot runs the
            // site's own policy, and no table names a package that is not whole and verified.
            Assert.Empty(current);
            Assert.Empty(models.GetProperty("running").EnumerateArray());
        }

        await using var mes = await MesProbe.ConnectAsync(broker.ClientOptions("mes-dl-restart"), line.Site);
        await mes.SubmitAsync(PickPlace.Replace("ID", "after-restart", StringComparison.Ordinal));
        var final = await mes.WaitForFinalAsync("after-restart", TimeSpan.FromSeconds(60));
        Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Message}");
    }

    [Fact]
    public async Task DiskFullDuringStaging_IsRefusedAsDiskFull_AndTheRunningVersionStays()
    {
        await using var line = await DeliveryLine.StartAsync(broker, _folder);
        await using var edge = await line.StartEdgeAsync();
        await line.PushAsync("arm_reach_v2.onnx", "2.0.0");
        await line.AssignAsync("2.0.0");
        await line.ReportedAsync(r => r.Models.Any(m => m.Version == "2.0.0"), "arm_reach 2.0.0 running");

        // The next package's model file is staged onto /dev/full: each write fails with ENOSPC, as on a full disk.
        var next = await line.PushAsync("arm_reach_v3.onnx", "3.0.0");
        var staged = Path.Combine(line.Data, "models", "staging", DeliveryLine.DigestOf(next));
        Directory.CreateDirectory(staged);
        File.CreateSymbolicLink(Path.Combine(staged, "arm_reach_v3.onnx.part"), "/dev/full");
        await line.AssignAsync("3.0.0");
        var refused = await line.ReportedAsync(r => r.Problems is not null, "the refusal");

        Assert.Equal(["arm_reach: arm_reach 3.0.0 disk_full"], refused.Problems);
        Assert.Equal("2.0.0", Assert.Single(refused.Models).Version);
        Assert.False(Directory.Exists(staged), "what was staged is removed");
        Assert.Contains("arm_reach 3.0.0 for slot arm_reach: disk_full", edge.Error, StringComparison.Ordinal);
        var models = await line.ModelsAsync();
        Assert.Equal("disk_full", Assert.Single(models.GetProperty("refused").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task DownloadThatNeverAnswers_HoldsUpNoTask()
    {
        // A registry address that takes connections into its backlog and never answers them.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var line = await DeliveryLine.StartAsync(broker, _folder, new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/"));
        await using var edge = await line.StartEdgeAsync();
        await line.PushAsync("arm_reach_v2.onnx", "2.0.0");
        await line.AssignAsync("2.0.0");
        await Eventually.TrueAsync(() => edge.Error.Contains("staging arm_reach 2.0.0 for slot arm_reach", StringComparison.Ordinal), "delivery waiting on the registry", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(silent.Pending, "the download connecting");

        await using var mes = await MesProbe.ConnectAsync(broker.ClientOptions("mes-dl-stall"), line.Site);
        await mes.SubmitAsync(PickPlace.Replace("ID", "while-staging", StringComparison.Ordinal));
        var final = await mes.WaitForFinalAsync("while-staging", TimeSpan.FromSeconds(60));

        Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Message}");
        Assert.DoesNotContain("now runs", edge.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EdgeModels_BeforeAnyDelivery_ListsNothing_AndASiteWithoutModelsIsAUsageError()
    {
        using (var key = EdgeFactory.Models.Signing.SigningKey.Generate())
        {
            key.Save(Path.Combine(_folder, "keys"));
        }

        var site = Path.Combine(_folder, "site.yaml");
        File.WriteAllText(site, $$"""
            site: fresh
            device: d1
            kinds: {{RepositoryPaths.Of("robots", "kinds")}}
            robots:
              - id: cell-1
                kind: pick_place_cell
                link: { arm: udp://127.0.0.1:1, gripper: udp://127.0.0.1:2 }
            policies:
              arm_reach: {{RepositoryPaths.Of("models", "policy", "arm_reach_v1.onnx")}}
              gripper: {{RepositoryPaths.Of("models", "policy", "gripper_v1.onnx")}}
            models: { factory: http://127.0.0.1:9, device_type: x86-64-cpu, trust: { factory: keys, passports: keys } }
            """);

        var (code, output, error) = await CliProcess.RunAsync("edge", "models", "--site", site, "--data", Path.Combine(_folder, "data"));
        var (json, document, _) = await CliProcess.RunAsync("edge", "models", "--site", site, "--data", Path.Combine(_folder, "data"), "--json");
        var (demo, _, demoError) = await CliProcess.RunAsync("edge", "models", "--site", RepositoryPaths.Of("robots", "sites", "demo.yaml"));

        Assert.True(code == 0, error);
        Assert.Contains("running: no status written yet", output, StringComparison.Ordinal);
        Assert.Equal(0, json);
        using var parsed = JsonDocument.Parse(document);
        Assert.Equal(("fresh", 0), (parsed.RootElement.GetProperty("site").GetString(), parsed.RootElement.GetProperty("installed").GetArrayLength()));
        Assert.Equal(2, demo);
        Assert.Contains("has no 'models:' section", demoError, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
