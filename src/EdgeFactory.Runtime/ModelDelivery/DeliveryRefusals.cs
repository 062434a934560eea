namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>Codes for why a device could not stage a package, besides the passport's own (<see cref="Models.Packages.PassportErrorCodes"/>).</summary>
public static class DeliveryRefusals
{
    /// <summary>The package does not fit in the staging quota.</summary>
    public const string DiskQuota = "disk_quota";

    /// <summary>The disk filled up while staging; what was staged is removed.</summary>
    public const string DiskFull = "disk_full";

    /// <summary>The registry could not be reached or broke off; a later attempt resumes where this one stopped.</summary>
    public const string DownloadFailed = "download_failed";

    /// <summary>The device has no model slot of that name.</summary>
    public const string UnknownSlot = "unknown_slot";

    /// <summary>The slot would not load the verified model (its inputs or outputs do not fit, or it failed to warm up).</summary>
    public const string LoadRefused = "load_refused";
}
