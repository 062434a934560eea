using EdgeFactory.Contracts.Topics;
using EdgeFactory.Runtime.Sites;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// Which MQTT 5 response topics the edge honours. The edge may write status and presence topics that an MES may not;
/// publishing to whatever topic a submitter names would lend it those rights (forged statuses of another site, a
/// retained presence overwritten), so only topics under the site's reply filters are used.
/// </summary>
internal sealed class ReplyTopicPolicy(SiteDefinition site)
{
    private readonly IReadOnlyList<string> _filters = site.Settings.ReplyTopics ?? [Topics.DefaultReplyFilter(site.SiteId)];

    /// <summary>The filters in force, for log lines.</summary>
    public IReadOnlyList<string> Filters => _filters;

    /// <summary>Whether statuses may be sent to <paramref name="responseTopic"/>.</summary>
    public bool Allows(string responseTopic)
    {
        foreach (var filter in _filters)
        {
            if (TopicFilter.Matches(filter, responseTopic))
            {
                return true;
            }
        }

        return false;
    }
}
