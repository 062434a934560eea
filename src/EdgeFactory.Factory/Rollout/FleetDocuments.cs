using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Models.Signing;

namespace EdgeFactory.Factory.Rollout;

/// <summary>Builds and signs the documents the factory sends to the fleet.</summary>
public static class FleetDocuments
{
    /// <summary>A device's desired model set, signed.</summary>
    public static byte[] Desired(string device, long revision, IReadOnlyList<ModelAssignment> models, SigningKey key)
    {
        var message = new DesiredModelSetMessage(device, revision, models, SignedDocuments.Unsigned);
        var node = JsonSerializer.SerializeToNode(message, ContractsJsonContext.Default.DesiredModelSetMessage)!.AsObject();
        return System.Text.Encoding.UTF8.GetBytes(SignedDocuments.Sign(node, key).ToJsonString());
    }

    /// <summary>The fleet revocation list, signed.</summary>
    public static byte[] Revocations(long revision, IReadOnlyList<ModelRevocation> revoked, SigningKey key)
    {
        var message = new RevocationListMessage(revision, revoked, SignedDocuments.Unsigned);
        var node = JsonSerializer.SerializeToNode(message, ContractsJsonContext.Default.RevocationListMessage)!.AsObject();
        return System.Text.Encoding.UTF8.GetBytes(SignedDocuments.Sign(node, key).ToJsonString());
    }
}
