namespace EdgeFactory.Mqtt.Native;

/// <summary>Process-wide libmosquitto state: initialised once, never cleaned up (clients may live until exit).</summary>
internal static class MosquittoRuntime
{
    private static readonly Lazy<Version> Initialized = new(() =>
    {
        var rc = Libmosquitto.LibInit();
        MosquittoStatus.ThrowIfFailed(rc, "initialising libmosquitto");
        Libmosquitto.LibVersion(out var major, out var minor, out var revision);
        return new Version(major, minor, revision);
    });

    /// <summary>The libmosquitto version in use; loading it also initialises the library.</summary>
    public static Version LibraryVersion => Initialized.Value;

    public static void EnsureInitialized() => _ = Initialized.Value;
}
