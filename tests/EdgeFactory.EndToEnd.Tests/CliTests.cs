namespace EdgeFactory.EndToEnd.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var (code, output, _) = await CliProcess.RunAsync("--help");

        Assert.Equal(0, code);
        foreach (var command in new[] { "version", "deps", "broker", "edge", "mes", "robots", "model", "demo" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var (code, output, _) = await CliProcess.RunAsync("version");

        Assert.Equal(0, code);
        Assert.StartsWith("edgefactory ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DepsCheck_EverythingInstalled_ReportsEachPartAndExitsZero()
    {
        var (code, output, _) = await CliProcess.RunAsync("deps", "check");

        Assert.Equal(0, code);
        Assert.Contains("1.30.0", output, StringComparison.Ordinal);
        Assert.Contains("MQTTnet", output, StringComparison.Ordinal);
        Assert.Contains("mosquitto broker", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DepsCheck_OnnxRuntimeMissing_PrintsTheFixAndExitsOne()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgefactory.dll"));
        start.ArgumentList.Add("deps");
        start.ArgumentList.Add("check");
        start.Environment["EDGEFACTORY_ONNXRUNTIME"] = "/nonexistent/libonnxruntime.so.1";
        start.Environment["NO_COLOR"] = "1";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("missing", output, StringComparison.Ordinal);
        Assert.Contains("make deps", output, StringComparison.Ordinal);
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
