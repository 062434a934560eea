using System.Security.Cryptography;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// The identity of a submission's content for idempotency: SHA-256 of its canonical JSON (our serializer's field
/// order, parameters sorted by name, defaults made explicit), so the same task sent twice with fields in another
/// order or with <c>"priority": 5</c> spelt out still counts as the same.
/// </summary>
internal static class SubmissionHash
{
    public static byte[] Of(TaskSubmitMessage submit)
    {
        var canonical = submit with
        {
            Parameters = submit.Parameters is null ? null : new SortedDictionary<string, JsonElement>(submit.Parameters.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal),
            Deadline = submit.Deadline?.ToUniversalTime(),
        };
        return SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(canonical, ContractsJsonContext.Default.TaskSubmitMessage));
    }
}
