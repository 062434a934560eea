using EdgeFactory.Runtime.Skills.Vision;

namespace EdgeFactory.Runtime.Tests.Skills.Vision;

public sealed class PartLabelsTests
{
    [Theory]
    [InlineData("PN-4821-A7", "PN-4821-A7", true)]
    [InlineData("PN-4821- A7", "PN-4821-A7", true)]
    [InlineData("pn-4821-a7", "PN-4821-A7", true)]
    [InlineData("PN-4821-A1", "PN-4821-A7", false)]
    [InlineData("PN-4821", "PN-4821-A7", false)]
    public void Same_IgnoresSpacesAndCaseOnly(string read, string expected, bool same) =>
        Assert.Equal(same, PartLabels.Same(read, expected));

    [Theory]
    [InlineData("PN-4821-A7")]
    [InlineData("bracket")]
    [InlineData("T")]
    [InlineData("--")]
    public void Mislabel_IsAnotherLabel(string label)
    {
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var other = PartLabels.Mislabel(label, random);

            Assert.False(PartLabels.Same(other, label), $"{other} reads as {label}");
        }
    }

    [Fact]
    public void Mislabel_ChangesOneCharacter()
    {
        var other = PartLabels.Mislabel("PN-4821-A7", new Random(1));

        Assert.Equal(9, other.Zip("PN-4821-A7").Count(p => p.First == p.Second));
    }
}
