using System.Text.Json;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>
/// The delivery status kept beside the installed packages (<c>status.json</c>): written to a temporary file, flushed and
/// renamed, so a reader sees the previous status or the new one, never part of one.
/// </summary>
internal static class DeliveryStatusFile
{
    public const string Name = "status.json";

    public static async Task WriteAsync(string folder, DeliveryStatus status, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, Name);
        var temporary = path + ".tmp";
        var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, status, InstalledJson.Default.DeliveryStatus, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The last status, or null when none was written (or it was damaged outside EdgeFactory).</summary>
    public static DeliveryStatus? Read(string folder)
    {
        var path = Path.Combine(folder, Name);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), InstalledJson.Default.DeliveryStatus) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
