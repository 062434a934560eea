using System.Diagnostics;
using System.Text.Json;

namespace EdgeFactory.Testing;

/// <summary>Runs @gutenye/ocr-node (eng/node-peer/ocr.mjs) on images with the project's PP-OCR models: the peer of the Vision pipeline.</summary>
public static class OcrPeer
{
    /// <summary>Each image's lines as the peer reads them (it joins the boxes of one line with a space), and its time per image in ms, per round.</summary>
    public static async Task<IReadOnlyList<OcrPeerRead>> ReadAsync(IReadOnlyList<string> images, int rounds = 1, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var a in new[] { "eng/node-peer/ocr.mjs", TestModels.OcrDetection, TestModels.OcrRecognition, Path.Combine(TestModels.OcrFolder, "ppocr_keys_v1.txt"), "--rounds", rounds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", "1" })
        {
            start.ArgumentList.Add(a);
        }

        foreach (var image in images)
        {
            start.ArgumentList.Add(image);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node ocr.mjs failed ({process.ExitCode}): {await stderr}");
        }

        var reads = new List<OcrPeerRead>();
        foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            reads.Add(new OcrPeerRead(
                root.GetProperty("file").GetString()!,
                root.GetProperty("round").GetInt32(),
                root.GetProperty("ms").GetDouble(),
                [.. root.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()!)]));
        }

        return reads;
    }
}
