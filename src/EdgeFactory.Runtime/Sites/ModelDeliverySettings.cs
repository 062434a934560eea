namespace EdgeFactory.Runtime.Sites;

/// <summary>How a site's edge receives models from the factory (<c>models:</c> in the site file).</summary>
public sealed record ModelDeliverySettings
{
    /// <summary>The factory's registry address that packages are downloaded from (<c>models.factory</c>).</summary>
    public required Uri Factory { get; init; }

    /// <summary>Device type that passports must target (<c>models.device_type</c>).</summary>
    public required string DeviceType { get; init; }

    /// <summary>Folder of the <c>.pub</c> keys that sign desired states and revocation lists (<c>models.trust.factory</c>).</summary>
    public required string FactoryTrust { get; init; }

    /// <summary>Folder of the <c>.pub</c> keys that sign passports (<c>models.trust.passports</c>).</summary>
    public required string PassportTrust { get; init; }

    /// <summary>Most bytes staging may hold (<c>models.staging_quota</c>).</summary>
    public long StagingQuotaBytes { get; init; } = 2L << 30;

    /// <summary>Folder of staged and installed packages (<c>models.folder</c>); null means <c>models/</c> under the edge's data folder.</summary>
    public string? Folder { get; init; }

    /// <summary>The packages folder for an edge whose data folder is <paramref name="dataDirectory"/>.</summary>
    public string FolderUnder(string dataDirectory) => Folder ?? Path.Combine(dataDirectory, "models");
}
