using System.Text;
using EdgeFactory.Contracts.Topics;

namespace EdgeFactory.Contracts.Tests.Topics;

public sealed class TopicSegmentTests
{
    [Theory]
    [InlineData("cell-1", true)]
    [InlineData("WO-1001.3:a_b", true)]
    [InlineData("", false)]
    [InlineData("-cell", false)]
    [InlineData("cell/1", false)]
    [InlineData("cell+", false)]
    [InlineData("célula", false)]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234", false)]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123", true)]
    public void IsValid_TextAndUtf8_SameVerdict(string id, bool valid)
    {
        Assert.Equal(valid, TopicSegment.IsValid(id.AsSpan()));
        Assert.Equal(valid, TopicSegment.IsValid(Encoding.UTF8.GetBytes(id)));
    }
}
