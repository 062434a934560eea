using System.Globalization;

namespace EdgeFactory.Runtime.Hosting;

/// <summary>
/// The one edge that runs on a data directory: an exclusive lock on <c>edge.lock</c> in it, held for the process's
/// life and released by the kernel however the process ends. The holder's process id, host and site are written
/// beside it (<c>edge.owner</c>) so a second edge can say who holds the directory.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private const string LockFile = "edge.lock";
    private const string OwnerFile = "edge.owner";
    private readonly FileStream _lock;

    private DataDirectoryLock(string directory, FileStream held)
    {
        Directory = directory;
        _lock = held;
    }

    /// <summary>The locked directory, as a full path.</summary>
    public string Directory { get; }

    /// <summary>Takes the lock on <paramref name="directory"/> (created if missing) or throws <see cref="DataDirectoryInUseException"/> at once.</summary>
    public static DataDirectoryLock Acquire(string directory, string siteId, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(time);
        var full = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        FileStream held;
        try
        {
            // FileShare.None is an exclusive, non-blocking flock on Unix: a second opener fails at once.
            held = new FileStream(Path.Combine(full, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new DataDirectoryInUseException(full, ReadOwner(full), e);
        }

        var owner = string.Create(
            CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} on {Environment.MachineName}, site {siteId}, since {time.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z");
        File.WriteAllText(Path.Combine(full, OwnerFile), owner + "\n");
        return new DataDirectoryLock(full, held);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _lock.Dispose();

    // Written by the holder after it took the lock; missing only in the instant between the two.
    private static string ReadOwner(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, OwnerFile)).Trim();
        }
        catch (IOException)
        {
            return "another process";
        }
    }
}
