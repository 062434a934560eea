using System.Text;
using System.Text.Json;
using EdgeFactory.Models.Canonical;

namespace EdgeFactory.Models.Tests.Canonical;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Encode_Rfc8785Example_GivesTheRfcOutput()
    {
        // RFC 8785, section 3.2.2's input and output.
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";

        Assert.Equal(expected, Canonical(input));
    }

    [Fact]
    public void Encode_MembersSortedByUtf16CodeUnits()
    {
        // RFC 8785, section 3.2.3: "\r" < "1" < "\u0080" < "\u00f6" < "\u20ac" < "\ud83d\ude00" < "\ufb33".
        const string input = """{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}""";

        var names = JsonDocument.Parse(Canonical(input)).RootElement.EnumerateObject().Select(p => p.Value.GetString()!).ToArray();

        Assert.Equal(["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"], names);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(0.1, "0.1")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(295147905179352830000.0, "295147905179352830000")]
    public void Format_GivesEcmaScriptText(double value, string expected)
    {
        Assert.Equal(expected, EcmaScriptNumber.Format(value));
    }

    [Fact]
    public void Format_NegativeZero_IsZero()
    {
        Assert.Equal("0", EcmaScriptNumber.Format(-0.0));
    }

    [Fact]
    public void Encode_WhitespaceAndOrder_DoNotChangeTheBytes()
    {
        Assert.Equal(Canonical("""{"b":[1,2,{"y":1,"x":2}],"a":"s"}"""), Canonical("{ \"a\" : \"s\",\n  \"b\" : [ 1 , 2.0 , { \"x\" : 2e0 , \"y\" : 10E-1 } ] }"));
    }

    [Fact]
    public void Encode_OmitsTheNamedRootMemberOnly()
    {
        Assert.Equal("""{"a":{"signature":1}}""", Encoding.UTF8.GetString(CanonicalJson.Encode(JsonDocument.Parse("""{"signature":"x","a":{"signature":1}}""").RootElement, "signature")));
    }

    [Theory]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"a":1e400}""")]
    public void Encode_UnrepresentableValue_Throws(string json)
    {
        Assert.Throws<FormatException>(() => CanonicalJson.Encode(JsonDocument.Parse(json).RootElement));
    }

    [Fact]
    public void ReadOptions_DuplicateMember_IsRefused()
    {
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse("""{"a":1,"a":2}""", CanonicalJson.ReadOptions));
    }

    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json, CanonicalJson.ReadOptions);
        return Encoding.UTF8.GetString(CanonicalJson.Encode(document.RootElement));
    }
}
