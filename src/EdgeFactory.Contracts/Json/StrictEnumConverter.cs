using System.Text.Json.Serialization;

namespace EdgeFactory.Contracts.Json;

/// <summary>Enum converter that reads and writes only the documented names: numbers and unknown names are errors.</summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
public sealed class StrictEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>Creates the converter; names come from <see cref="JsonStringEnumMemberNameAttribute"/>.</summary>
    public StrictEnumConverter()
        : base(namingPolicy: null, allowIntegerValues: false)
    {
    }
}
