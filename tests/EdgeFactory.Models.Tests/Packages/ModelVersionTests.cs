using EdgeFactory.Models.Packages;

namespace EdgeFactory.Models.Tests.Packages;

public sealed class ModelVersionTests
{
    [Fact]
    public void CompareTo_FollowsSemanticVersionPrecedence()
    {
        // semver.org, item 11's example, then numbers compared as numbers.
        string[] ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0", "2.0.0"];

        for (var i = 1; i < ordered.Length; i++)
        {
            Assert.True(ModelVersion.Parse(ordered[i - 1]) < ModelVersion.Parse(ordered[i]), $"{ordered[i - 1]} < {ordered[i]}");
            Assert.True(ModelVersion.Parse(ordered[i]) > ModelVersion.Parse(ordered[i - 1]), $"{ordered[i]} > {ordered[i - 1]}");
        }

        Assert.Equal(ModelVersion.Parse("1.2.3"), ModelVersion.Parse("1.2.3"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("01.2.3")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-a..b")]
    [InlineData("1.2.3+build")]
    [InlineData("v1.2.3")]
    public void TryParse_NotAVersion_IsFalse(string text)
    {
        Assert.False(ModelVersion.TryParse(text, out _));
    }
}
