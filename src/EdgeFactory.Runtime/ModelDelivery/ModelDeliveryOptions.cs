namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>How a device receives models.</summary>
public sealed record ModelDeliveryOptions
{
    /// <summary>Site id.</summary>
    public string Site { get; init; } = string.Empty;

    /// <summary>Device id.</summary>
    public string Device { get; init; } = string.Empty;

    /// <summary>Device type that passports must target.</summary>
    public string DeviceType { get; init; } = string.Empty;

    /// <summary>Folder of staged and installed packages.</summary>
    public string Directory { get; init; } = string.Empty;

    /// <summary>Most bytes the staging folder may hold.</summary>
    public long StagingQuotaBytes { get; init; } = 2L << 30;

    /// <summary>
    /// Where packages are downloaded from: the package URL of an assignment keeps its path and takes this scheme, host
    /// and port (a site reaches the factory by its own address); null downloads from the URL as assigned.
    /// </summary>
    public Uri? Factory { get; init; }

    /// <summary>First wait before a desired state whose download failed is applied again; doubles up to five minutes.</summary>
    public TimeSpan DownloadRetry { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot work.</summary>
    public ModelDeliveryOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(Site) || string.IsNullOrWhiteSpace(Device) || string.IsNullOrWhiteSpace(DeviceType))
        {
            throw new ArgumentException("Model delivery needs the site, the device id and the device type.");
        }

        if (string.IsNullOrWhiteSpace(Directory) || StagingQuotaBytes <= 0 || DownloadRetry <= TimeSpan.Zero)
        {
            throw new ArgumentException("Model delivery needs a folder, a positive staging quota and a positive download retry.");
        }

        return this;
    }
}
