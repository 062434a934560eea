namespace EdgeFactory.Runtime.Hosting;

/// <summary>Another edge holds the data directory: one edge runs per site and data directory.</summary>
public sealed class DataDirectoryInUseException : Exception
{
    /// <summary>Creates the error for <paramref name="directory"/> held by <paramref name="owner"/>.</summary>
    public DataDirectoryInUseException(string directory, string owner, Exception? inner = null)
        : base($"The data directory '{directory}' is in use by another edge ({owner}). One edge runs per data directory: stop that one first, or give this one another --data.", inner)
    {
        Directory = directory;
        Owner = owner;
    }

    /// <summary>The directory, as a full path.</summary>
    public string Directory { get; }

    /// <summary>Who holds it, in words: process id, host, site and since when.</summary>
    public string Owner { get; }
}
