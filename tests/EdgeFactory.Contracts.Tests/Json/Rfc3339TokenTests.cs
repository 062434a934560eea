using System.Text;
using System.Text.Json;
using EdgeFactory.Contracts.Json;

namespace EdgeFactory.Contracts.Tests.Json;

public sealed class Rfc3339TokenTests
{
    [Theory]
    [InlineData("\"2026-11-27T05:30:00Z\"", "2026-11-27T05:30:00+00:00")]
    [InlineData("\"2026-11-27T05:30:00.1234567+01:00\"", "2026-11-27T05:30:00.1234567+01:00")]
    [InlineData("\"2026-11-27T05:30:00\\u002B01:00\"", "2026-11-27T05:30:00+01:00")]
    public void TryRead_PlainDateTime_ReadAsTheDeserialiserReadsIt(string json, string expected)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));

        Assert.True(Rfc3339Token.TryRead(ref reader, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(value, JsonSerializer.Deserialize<DateTimeOffset>(json));
    }

    [Theory]
    [InlineData("\"2026-11-27 05:30:00Z\"")]
    [InlineData("\"2026-11-27T05:30:00\"")]
    [InlineData("\"2026-02-30T05:30:00Z\"")]
    [InlineData("\"2026-11-27T25:30:00Z\"")]
    [InlineData("\"2026-11-27T05:30:00.12345678Z\"")]
    [InlineData("\"2026-11-27T05:30:00+1:00\"")]
    [InlineData("20261127")]
    [InlineData("null")]
    public void TryRead_AnythingElse_Refused(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));

        Assert.False(Rfc3339Token.TryRead(ref reader, out _));
    }
}
