using Microsoft.Win32.SafeHandles;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>
/// Replaces a small file whole: the bytes go to a temporary file that is flushed to disk and renamed over the old one,
/// so a reader (or a device that restarts) sees the old content or the new, never part of one.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/>; written in place, a few kilobytes, no thread-pool hop.</summary>
    public static void Replace(string path, ReadOnlySpan<byte> bytes)
    {
        var temporary = path + ".tmp";
        using (SafeFileHandle handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, bytes, 0);
            RandomAccess.FlushToDisk(handle);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
