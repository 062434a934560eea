using System.Diagnostics;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;

namespace EdgeFactory.Bench;

/// <summary>
/// Passport verification (signature, schema, rules, every file's length and SHA-256) of a package against
/// <c>sha256sum</c> over the same model file, in alternating rounds (medians). Both read from the page cache. Then the
/// fleet rollout (<see cref="FleetRolloutBench"/>).
/// </summary>
internal sealed class RolloutBench(BenchReport report, string[] args)
{
    private readonly int _rounds = BenchArguments.Option(args, "--rounds", 7);

    public async Task RunAsync()
    {
        var root = Directory.CreateTempSubdirectory("ef-bench-rollout-").FullName;
        try
        {
            using var key = SigningKey.Generate();
            using var trusted = TrustedKeys.FromPem([("bench", key.PublicKeyPem())]);
            var verifier = new PassportVerifier(trusted, TimeProvider.System);
            Console.WriteLine($"rollout bench: passport verification vs sha256sum ({Peer()}), {_rounds} alternating rounds");
            foreach (var megabytes in new[] { 5, 256 })
            {
                var package = await PackageAsync(root, megabytes, key);
                var model = Path.Combine(package, "model.onnx");
                var ours = new List<double>();
                var peer = new List<double>();
                for (var round = 0; round < _rounds + 1; round++)
                {
                    var o = await TimeAsync(async () =>
                    {
                        var verdict = await verifier.VerifyAsync(package, VerificationPolicy.Anywhere, CancellationToken.None);
                        if (!verdict.MayRun)
                        {
                            throw new InvalidOperationException(verdict.Message);
                        }
                    });
                    var p = await TimeAsync(() => Sha256SumAsync(model));
                    if (round > 0)
                    {
                        // Round 0 warms the page cache, the JIT and the process start.
                        ours.Add(o);
                        peer.Add(p);
                    }
                }

                report.Add($"verify-{megabytes}MB", "time", "ms", BenchReport.Median(ours), BenchReport.Median(peer));
                report.Add($"verify-{megabytes}MB", "throughput", "MB/s", megabytes / BenchReport.Median(ours) * 1000, megabytes / BenchReport.Median(peer) * 1000);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        if (BenchArguments.Option(args, "--edges", 1000) > 0)
        {
            await new FleetRolloutBench(report, args).RunAsync();
        }
    }

    private static async Task<string> PackageAsync(string root, int megabytes, SigningKey key)
    {
        var source = Path.Combine(root, $"source-{megabytes}", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        var bytes = new byte[megabytes << 20];
        new Random(megabytes).NextBytes(bytes);
        await File.WriteAllBytesAsync(source, bytes);
        var package = Path.Combine(root, $"package-{megabytes}");
        await PackageWriter.WriteAsync(
            source,
            new PassportDraft("bench-model", "1.0.0", [new PassportTensor("x", "float32", [1, 64])], [new PassportTensor("y", "float32", [1, 8])], 17, "bench",
                new PassportProvenance("", "", "bench"), ["*"], TimeSpan.FromDays(1)),
            key,
            package,
            TimeProvider.System,
            CancellationToken.None);
        return package;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task Sha256SumAsync(string file)
    {
        using var process = Process.Start(new ProcessStartInfo("sha256sum", [file]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"sha256sum exited {process.ExitCode}");
        }
    }

    private static string Peer()
    {
        using var process = Process.Start(new ProcessStartInfo("sha256sum", ["--version"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var first = process.StandardOutput.ReadLine() ?? "sha256sum";
        process.WaitForExit();
        return first;
    }
}
