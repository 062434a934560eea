using EdgeFactory.Contracts.Topics;

namespace EdgeFactory.Contracts.Tests.Topics;

public sealed class TopicFilterTests
{
    [Theory]
    [InlineData("ef/v1/demo/mes/replies/#", "ef/v1/demo/mes/replies/line-3", true)]
    [InlineData("ef/v1/demo/mes/replies/#", "ef/v1/demo/mes/replies/a/b/c", true)]
    [InlineData("ef/v1/demo/mes/replies/#", "ef/v1/demo/mes/replies", true)]
    [InlineData("ef/v1/demo/mes/replies/#", "ef/v1/other/mes/replies/x", false)]
    [InlineData("ef/v1/demo/mes/replies/#", "ef/v1/demo/tasks/t1/status", false)]
    [InlineData("ef/v1/demo/mes/replies/#", "ef/v1/demo/edges/d1/online", false)]
    [InlineData("ef/v1/demo/mes/replies/#", "ef/v1/demo/mes/repliesX/y", false)]
    [InlineData("ef/v1/+/mes/replies/+", "ef/v1/demo/mes/replies/x", true)]
    [InlineData("ef/v1/+/mes/replies/+", "ef/v1/demo/mes/replies/x/y", false)]
    [InlineData("ef/v1/+/mes/replies/+", "ef/v1/demo/mes/replies", false)]
    [InlineData("a", "a", true)]
    [InlineData("a", "a/b", false)]
    [InlineData("#", "anything/at/all", true)]
    [InlineData("a/+", "a/", true)]
    [InlineData("ef/v1/demo/mes/replies/#", "ef/v1/demo/mes/replies/+", false)]
    [InlineData("ef/v1/demo/mes/replies/#", "ef/v1/demo/mes/replies/#", false)]
    public void Matches_AsABrokerWould(string filter, string topic, bool expected) =>
        Assert.Equal(expected, TopicFilter.Matches(filter, topic));
}
