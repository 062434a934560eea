using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var (code, output, _) = await CliProcess.RunAsync("--help");

        Assert.Equal(0, code);
        foreach (var command in new[] { "version", "deps", "broker", "edge", "mes", "robots", "model", "keys", "vision", "demo" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var (code, output, _) = await CliProcess.RunAsync("version");

        Assert.Equal(0, code);

        // The version presence messages report, from the same build property.
        Assert.Equal($"edgefactory {EdgeFactory.Runtime.Hosting.SoftwareVersions.Current}", output.Trim());
    }

    [Theory]
    [InlineData("mes", "sim", "--broker", "mqtt://127.0.0.1:1", "--site", "s", "--rate", "5/s", "--count", "-3")]
    [InlineData("mes", "sim", "--broker", "mqtt://127.0.0.1:1", "--site", "s", "--rate", "0", "--count", "3")]
    [InlineData("mes", "sim", "--broker", "mqtt://127.0.0.1:1", "--site", "s", "--rate", "5/s", "--count", "many")]
    [InlineData("mes", "sim", "--broker", "mqtt://127.0.0.1:1", "--site", "s", "--rate", "5/s", "--duration", "0s")]
    [InlineData("mes", "send", "--broker", "mqtt://127.0.0.1:1", "--site", "s", "--type", "index", "--priority", "12")]
    [InlineData("mes", "send", "--broker", "mqtt://127.0.0.1:1", "--site", "s", "--type", "index", "--deadline", "tomorrow")]
    [InlineData("mes", "send", "--bogus")]
    [InlineData("edge", "run", "--nothing")]
    [InlineData("no-such-command")]
    public async Task UsageError_AnyCommand_ExitsTwoWithAHint(params string[] arguments)
    {
        var (code, _, error) = await CliProcess.RunAsync(arguments);

        Assert.Equal(2, code);
        Assert.Contains("--help' for usage", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mqtt://127.0.0.1:1")]
    [InlineData("mqtt://no-such-host.invalid:1883")]
    public async Task MesSend_UnreachableBroker_OneSentencePerThoughtNoDoubleFullStops(string broker)
    {
        var (code, _, error) = await CliProcess.RunAsync("mes", "send", "--broker", broker, "--site", "s", "--type", "index", "--timeout", "5s");

        Assert.Equal(2, code);
        Assert.StartsWith("edgefactory: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("..", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipedOutput_CarriesNoEscapeCodes()
    {
        var (code, output, _) = await CliProcess.RunAsync("model", "bench", Testing.TestModels.Generated("policy_mlp_v1.onnx"), "--runs", "3", "--warmup", "0");

        Assert.Equal(0, code);
        Assert.Contains("latency p50", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EdgeRun_DataIsAFile_ExitsTwoAskingForAFolder()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, _, error) = await CliProcess.RunAsync("edge", "run", "--site", Testing.RepositoryPaths.Of("robots", "sites", "demo.yaml"), "--broker", "mqtt://127.0.0.1:1", "--data", file);

            Assert.Equal(2, code);
            Assert.Contains("is a file; give a folder", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task MesSend_EmptyPasswordFile_ExitsTwoSayingTheFileIsEmpty()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, _, error) = await CliProcess.RunAsync("mes", "send", "--broker", "mqtt://127.0.0.1:1", "--site", "s", "--type", "index", "--username", "mes", "--password-file", file);

            Assert.Equal(2, code);
            Assert.Contains("is empty", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task DepsCheck_EverythingInstalled_ReportsEachPartAndExitsZero()
    {
        var (code, output, _) = await CliProcess.RunAsync("deps", "check");

        Assert.Equal(0, code);
        Assert.Contains("1.31.1", output, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", output, StringComparison.Ordinal);
        Assert.Contains("MQTTnet", output, StringComparison.Ordinal);
        Assert.Contains("mosquitto broker", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DepsCheck_OnnxRuntimeMissing_PrintsTheFixAndExitsOne()
    {
        var (code, output) = await DepsCheckWithLibraryAsync("/nonexistent/libonnxruntime.so.1");

        Assert.Equal(1, code);
        Assert.Contains("missing", output, StringComparison.Ordinal);
        Assert.Contains("exist", output, StringComparison.Ordinal);
        Assert.Contains("Fix:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DepsCheck_LibraryThatIsNotOnnxRuntime_SaysSoAndExitsOne()
    {
        var other = new[] { "/usr/lib/x86_64-linux-gnu/libmosquitto.so.1", "/usr/lib/aarch64-linux-gnu/libmosquitto.so.1" }.First(File.Exists);

        var (code, output) = await DepsCheckWithLibraryAsync(other);

        Assert.Equal(1, code);
        Assert.Contains("OrtGetApiBase", output, StringComparison.Ordinal);
        Assert.Contains("Fix:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DepsCheck_OnnxRuntimeOlderThanThePackage_IsRefusedWithTheFixAndExitsOne()
    {
        // onnxruntime-node 1.30.0, the benchmark peer, carries a library one API version older than ours.
        var old = RepositoryPaths.Of("eng", "node-peer", "node_modules", "onnxruntime-node", "bin", "napi-v6", "linux",
            System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x64", "libonnxruntime.so.1");

        var (code, output) = await DepsCheckWithLibraryAsync(old);

        Assert.Equal(1, code);
        Assert.Contains("too old", output, StringComparison.Ordinal);
        Assert.Contains("1.31", output, StringComparison.Ordinal);
        Assert.Contains("Fix:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DepsCheck_RequestedProviderMissing_SaysWhatToInstallAndExitsOne()
    {
        var (code, output, _) = await CliProcess.RunAsync("deps", "check", "--ep", "cuda");

        if (code == 0)
        {
            // A GPU build with the NVIDIA libraries: nothing is missing.
            return;
        }

        Assert.Equal(1, code);
        Assert.Contains("provider cuda", output, StringComparison.Ordinal);
        Assert.Contains("Fix:", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> DepsCheckWithLibraryAsync(string library)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgefactory.dll"));
        start.ArgumentList.Add("deps");
        start.ArgumentList.Add("check");
        start.Environment["EDGEFACTORY_ONNXRUNTIME"] = library;
        start.Environment["NO_COLOR"] = "1";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        _ = await error;
        return (process.ExitCode, await output);
    }

    [Fact]
    public async Task EdgeRun_InvalidSiteFile_ExitsTwoNamingFileLineAndColumn()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-site-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "site: demo\ndevice: d1\nrobots:\n  - id: r1\n    kind: forklift\n");
        try
        {
            var (code, _, error) = await CliProcess.RunAsync("edge", "run", "--site", file, "--embedded-broker");

            Assert.Equal(2, code);
            Assert.Contains($"{file}:5:11:", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task EdgeRun_InvalidBrokerAddress_ExitsTwoWithTheExpectedForm()
    {
        var (code, _, error) = await CliProcess.RunAsync("edge", "run", "--site", "robots/sites/demo.yaml", "--broker", "tcp://nowhere");

        Assert.Equal(2, code);
        Assert.Contains("mqtt://HOST:PORT", error, StringComparison.Ordinal);
    }
}
