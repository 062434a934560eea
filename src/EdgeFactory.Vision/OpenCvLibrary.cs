using System.Runtime.InteropServices;
using EdgeFactory.Vision.Native;
using OpenCvSharp;

namespace EdgeFactory.Vision;

/// <summary>
/// The native OpenCV behind OpenCvSharp: loaded once, from <c>EDGEFACTORY_OPENCVSHARP</c> when set (a Jetson's own build)
/// or else the packaged linux-x64 runtime; a missing library or dependency is a <see cref="VisionErrorCode.OpenCvMissing"/> error that says what to install.
/// </summary>
public static class OpenCvLibrary
{
    /// <summary>The environment variable that points at a libOpenCvSharpExtern.so built for this device.</summary>
    public const string PathVariable = "EDGEFACTORY_OPENCVSHARP";

    /// <summary>Loads the library or throws <see cref="VisionErrorCode.OpenCvMissing"/> with the loader's reason and the fix.</summary>
    public static void EnsureLoaded()
    {
        var failure = OpenCvNative.TryLoad(Environment.GetEnvironmentVariable(PathVariable));
        if (failure is not null)
        {
            throw new VisionException(VisionErrorCode.OpenCvMissing, Explain(failure));
        }
    }

    /// <summary>Loads the library and describes it (version, GStreamer, video I/O), or says what is missing; never throws.</summary>
    public static OpenCvReport Probe()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        var failure = OpenCvNative.TryLoad(configured);
        var source = string.IsNullOrEmpty(configured) ? OpenCvNative.PackagedLocation() : configured;
        if (failure is not null)
        {
            return new OpenCvReport(false, source, null, false, Explain(failure));
        }

        try
        {
            var build = Cv2.GetBuildInformation();
            var gstreamer = build.Split('\n').Any(l => l.TrimStart().StartsWith("GStreamer:", StringComparison.Ordinal) && l.Contains("YES", StringComparison.Ordinal));
            return new OpenCvReport(true, source, Cv2.GetVersionString(), gstreamer, null);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or OpenCVException)
        {
            return new OpenCvReport(false, source, null, false, Explain(e.Message));
        }
    }

    private static string Explain(string loaderReason)
    {
        var arch = RuntimeInformation.ProcessArchitecture;
        var fix = arch == Architecture.X64
            ? "run `make deps` (it installs the GTK 3 and other libraries libOpenCvSharpExtern.so links against; `ldd` on the library lists any still missing)"
            : $"no packaged OpenCV runtime exists for {arch}; build libOpenCvSharpExtern.so against the device's OpenCV and set {PathVariable} to it (deploy/jetson/README.md)";
        return $"OpenCV (libOpenCvSharpExtern.so) could not be loaded: {loaderReason.Trim()} To fix: {fix}.";
    }
}
