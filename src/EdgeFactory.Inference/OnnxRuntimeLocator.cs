using System.Runtime.InteropServices;

namespace EdgeFactory.Inference;

/// <summary>Finds <c>libonnxruntime.so.1</c>: a configured path, then <c>EDGEFACTORY_ONNXRUNTIME</c>, then <c>native/&lt;rid&gt;/</c> above the app or the working directory.</summary>
public static class OnnxRuntimeLocator
{
    /// <summary>Environment variable that points at a specific ONNX Runtime library, e.g. a JetPack GPU build.</summary>
    public const string EnvironmentVariable = "EDGEFACTORY_ONNXRUNTIME";

    /// <summary>File name of the library on Linux.</summary>
    public const string LibraryFileName = "libonnxruntime.so.1";

    /// <summary>Runtime identifier of the folder under <c>native/</c> for this process.</summary>
    public static string RuntimeIdentifier => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "linux-x64",
        Architecture.Arm64 => "linux-arm64",
        var other => $"linux-{other.ToString().ToLowerInvariant()}",
    };

    /// <summary>Returns the library's path, or throws <see cref="OnnxRuntimeException"/> saying how to get it.</summary>
    public static string Locate(string? configuredPath = null)
    {
        if (TryLocate(configuredPath, out var path))
        {
            return path;
        }

        throw new OnnxRuntimeException(
            OrtErrorCode.LibraryNotFound,
            $"ONNX Runtime ({LibraryFileName}) was not found. Run `make deps` to fetch it into native/{RuntimeIdentifier}/, "
            + $"or set {EnvironmentVariable} to the library's path.");
    }

    /// <summary>Finds the library without throwing.</summary>
    public static bool TryLocate(string? configuredPath, out string path)
    {
        foreach (var candidate in Candidates(configuredPath))
        {
            if (File.Exists(candidate))
            {
                path = Path.GetFullPath(candidate);
                return true;
            }
        }

        path = string.Empty;
        return false;
    }

    private static IEnumerable<string> Candidates(string? configuredPath)
    {
        if (!string.IsNullOrEmpty(configuredPath))
        {
            yield return configuredPath;
            yield break;
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            yield return fromEnvironment;
            yield break;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                yield return Path.Combine(dir.FullName, "native", RuntimeIdentifier, LibraryFileName);
            }
        }
    }
}
