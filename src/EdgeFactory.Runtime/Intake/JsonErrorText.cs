using System.Text.Json;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// Says what a deserialization error means for an MES integrator. System.Text.Json's own messages name .NET types
/// (<c>System.Nullable`1[System.DateTimeOffset]</c>), which mean nothing to them.
/// </summary>
internal static class JsonErrorText
{
    public static string Of(JsonException error) =>
        error.Path is { Length: > 1 } path
            ? $"the value at {path} is not of the type or format the field takes"
            : "the message does not have the fields and types the contract describes";
}
