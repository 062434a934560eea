namespace EdgeFactory.Models.Packages;

/// <summary>What a package is checked against besides its signature: the device, what it has installed, what is revoked.</summary>
/// <param name="DeviceType">The device's type; null checks no target (the factory, which serves every type).</param>
/// <param name="InstalledVersion">Version of the same model installed now; null when none.</param>
/// <param name="RollbackAllowed">A signed rollback order allows a version older than the installed one.</param>
/// <param name="Revoked">Versions nobody may run.</param>
public sealed record VerificationPolicy(
    string? DeviceType = null,
    ModelVersion? InstalledVersion = null,
    bool RollbackAllowed = false,
    RevokedVersions? Revoked = null)
{
    /// <summary>No device, nothing installed, nothing revoked.</summary>
    public static VerificationPolicy Anywhere { get; } = new();
}
