using System.Text;
using System.Text.Json;
using EdgeFactory.Runtime.Intake;

namespace EdgeFactory.Runtime.Tests.Intake;

public sealed class JsonTextTests
{
    [Theory]
    [InlineData("""{"a":"\uD800"}""", true)]
    [InlineData("""{"a":"\udfff"}""", true)]
    [InlineData("""{"\uDbFF":1}""", true)]
    [InlineData("""{"a":"\ud83d\ude00"}""", true)]
    [InlineData("""{"a":"\u00e9\u20AC"}""", false)]
    [InlineData("""{"a":"\uD7FF\uE000"}""", false)]
    [InlineData("""{"a":"plain","b":[1,2,{"c":"é"}]}""", false)]
    [InlineData("""{"a":"ends with \u""", false)]
    public void MayHoldLoneSurrogate_Payload_TrueOnlyWithAnEscapedSurrogate(string json, bool expected) =>
        Assert.Equal(expected, JsonText.MayHoldLoneSurrogate(Encoding.UTF8.GetBytes(json)));

    // The shortcut may say "maybe" where the walk finds nothing, never "no" where it finds something.
    [Theory]
    [InlineData("""{"a":"\uD800"}""")]
    [InlineData("""{"\uDC00":1}""")]
    [InlineData("""{"a":[1,{"b":"x\uDBFFy"}]}""")]
    public void MayHoldLoneSurrogate_WhereTheWalkFindsOne_IsTrue(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var document = JsonDocument.Parse(bytes);

        Assert.NotNull(JsonText.FirstUndecodable(document.RootElement));
        Assert.True(JsonText.MayHoldLoneSurrogate(bytes));
    }
}
