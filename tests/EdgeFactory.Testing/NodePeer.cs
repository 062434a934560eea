using System.Diagnostics;

namespace EdgeFactory.Testing;

/// <summary>Runs the onnxruntime-node scripts under eng/node-peer, the reference the Inference tests compare with.</summary>
public static class NodePeer
{
    /// <summary>Runs <paramref name="model"/> on the given .npy inputs with onnxruntime-node; outputs land in <paramref name="outputFolder"/> as NAME.npy.</summary>
    public static async Task RunReferenceAsync(string model, string outputFolder, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Of("eng", "node-peer"),
        };
        start.ArgumentList.Add("reference.mjs");
        start.ArgumentList.Add(model);
        start.ArgumentList.Add(outputFolder);
        foreach (var (name, path) in inputs)
        {
            start.ArgumentList.Add($"{name}={path}");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node reference.mjs failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
