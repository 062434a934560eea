using System.Reflection;
using System.Runtime.InteropServices;
using OpenCvSharp;

namespace EdgeFactory.Vision.Native;

/// <summary>Loads OpenCvSharp's native library once, from a configured path or the application's packaged runtime, and reports why not.</summary>
internal static class OpenCvNative
{
    /// <summary>The file name OpenCvSharp's P/Invoke declarations use.</summary>
    public const string LibraryName = "OpenCvSharpExtern";

    private static readonly Lock Gate = new();
    private static OpenCvLibraryHandle? _handle;
    private static string? _failure;

    /// <summary>Loads the library (once); returns null, or the loader's reason when it could not.</summary>
    public static string? TryLoad(string? configuredPath)
    {
        // One load per process: the resolver below may be registered once per assembly.
        lock (Gate)
        {
            if (_handle is not null || _failure is not null)
            {
                return _failure;
            }

            var assembly = typeof(Mat).Assembly;
            try
            {
                nint handle;
                if (!string.IsNullOrEmpty(configuredPath))
                {
                    handle = NativeLibrary.Load(configuredPath);
                    NativeLibrary.SetDllImportResolver(assembly, (name, _, _) => name == LibraryName ? handle : 0);
                }
                else
                {
                    handle = NativeLibrary.Load(LibraryName, assembly, DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories);
                }

                _handle = new OpenCvLibraryHandle(handle);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or InvalidOperationException)
            {
                _failure = e.Message;
            }

            return _failure;
        }
    }

    /// <summary>Where the packaged library would be for this process (for messages).</summary>
    public static string PackagedLocation()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        return Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", $"lib{LibraryName}.so");
    }

    /// <summary>OpenCvSharp's assembly, for version reports.</summary>
    public static Assembly ManagedAssembly => typeof(Mat).Assembly;
}
