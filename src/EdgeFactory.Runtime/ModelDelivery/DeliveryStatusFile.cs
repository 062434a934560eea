using System.Text.Json;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>
/// The delivery status kept beside the installed packages (<c>status.json</c>): written to a temporary file, flushed and
/// renamed, so a reader sees the previous status or the new one, never part of one.
/// </summary>
internal static class DeliveryStatusFile
{
    public const string Name = "status.json";

    public static Task WriteAsync(string folder, DeliveryStatus status, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.Replace(Path.Combine(folder, Name), JsonSerializer.SerializeToUtf8Bytes(status, InstalledJson.Default.DeliveryStatus));
        return Task.CompletedTask;
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
