namespace EdgeFactory.Factory.Telemetry;

/// <summary>Which devices the factory knows, and so takes telemetry from; a device once known stays known (the ingest remembers its topic).</summary>
public interface IDeviceDirectory
{
    /// <summary>Whether <paramref name="device"/> at <paramref name="site"/> is one of the factory's devices.</summary>
    ValueTask<bool> KnowsAsync(string site, string device, CancellationToken cancellationToken);
}
