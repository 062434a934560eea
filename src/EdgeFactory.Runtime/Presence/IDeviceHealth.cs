namespace EdgeFactory.Runtime.Presence;

/// <summary>Where a part of the edge reports that it failed and is being restarted, and that it runs again.</summary>
internal interface IDeviceHealth
{
    /// <summary>The device is degraded; <paramref name="reason"/> says why, for people.</summary>
    Task ReportDegradedAsync(string reason, CancellationToken cancellationToken);

    /// <summary>What made the device degraded runs again.</summary>
    Task ReportHealthyAsync(CancellationToken cancellationToken);
}
