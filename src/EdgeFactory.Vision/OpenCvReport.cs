namespace EdgeFactory.Vision;

/// <summary>What <see cref="OpenCvLibrary.Probe"/> found: whether OpenCV loads, from where, its version and whether it can read GStreamer pipelines.</summary>
/// <param name="Loaded">Whether the native library and its dependencies loaded.</param>
/// <param name="Library">The library file used, or where it was looked for.</param>
/// <param name="Version">OpenCV's version string, when loaded.</param>
/// <param name="GStreamer">Whether this OpenCV was built with GStreamer (camera pipelines on a Jetson).</param>
/// <param name="Problem">Why it did not load and what to do, when not loaded.</param>
public sealed record OpenCvReport(bool Loaded, string Library, string? Version, bool GStreamer, string? Problem);
