namespace EdgeFactory.Factory.Rollout;

/// <summary>Where the factory's signed documents go: retained on the broker in production.</summary>
public interface IFleetPublisher
{
    /// <summary>Publishes (retained) a device's signed desired state.</summary>
    Task PublishDesiredAsync(string site, string device, ReadOnlyMemory<byte> document, CancellationToken cancellationToken);

    /// <summary>Publishes (retained) the signed fleet revocation list.</summary>
    Task PublishRevocationsAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken);
}
