using System.Text.Json;
using EdgeFactory.Runtime.StateMachines;

namespace EdgeFactory.Runtime.Tests.StateMachines;

public sealed class GuardTests
{
    private static readonly Dictionary<string, JsonElement> Results = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"defects":2,"verdict":"pass","ok":true}""")!;
    private static readonly Dictionary<string, JsonElement> Parameters = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"mode":"fast","count":5}""")!;

    [Theory]
    [InlineData("result.defects > 0", true)]
    [InlineData("result.defects >= 3", false)]
    [InlineData("result.defects == 2", true)]
    [InlineData("result.verdict == pass", true)]
    [InlineData("result.verdict != 'pass'", false)]
    [InlineData("result.ok == true", true)]
    [InlineData("params.mode == fast", true)]
    [InlineData("params.count < 5", false)]
    [InlineData("params.count <= 5", true)]
    [InlineData("result.missing > 0", false)]
    public void Holds_ComparesValueWithLiteral(string text, bool expected)
    {
        var guard = Guard.TryParse(text, out var problem);

        Assert.Null(problem);
        Assert.Equal(expected, guard!.Holds(Results, Parameters));
    }

    [Theory]
    [InlineData("defects > 0")]
    [InlineData("result. > 0")]
    [InlineData("other.x == 1")]
    [InlineData("result.x ~ 1")]
    [InlineData("result.x ==")]
    public void TryParse_Malformed_ExplainsTheForm(string text)
    {
        Assert.Null(Guard.TryParse(text, out var problem));
        Assert.Contains("result.NAME OP VALUE", problem, StringComparison.Ordinal);
    }
}
