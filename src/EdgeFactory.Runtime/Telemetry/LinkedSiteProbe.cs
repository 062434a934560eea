using EdgeFactory.Inference.Slots;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Skills.Link;

namespace EdgeFactory.Runtime.Telemetry;

/// <summary>Reads the robots on the robot link: the version in their policy's model slot, their energy meter, their envelopes' counters.</summary>
internal sealed class LinkedSiteProbe(SiteDefinition site, LinkedSite linked) : ITelemetryProbe
{
    // Filled once the linked site has loaded its slots; read without a lock afterwards (a reference swap).
    private volatile Dictionary<string, ModelSlot>? _slots;

    public string ModelVersion(string robotId) =>
        Slots().TryGetValue(robotId, out var slot) ? slot.Version ?? TelemetryAggregator.NoModel : TelemetryAggregator.NoModel;

    public bool TryReadJoules(string robotId, out double joules)
    {
        joules = 0;
        if (linked.Robot(robotId) is not { } robot)
        {
            return false;
        }

        joules = robot.Energy.TotalJoules;
        return true;
    }

    public void AddSafetyInterventions(string robotId, IDictionary<string, long> byModelVersion)
    {
        if (linked.Robot(robotId) is not { } robot)
        {
            return;
        }

        // Only the controllers the reported version moves: a window is per robot and version, and a gripper's clamps
        // under its own policy would otherwise be charged to the arm's. A robot without a policy reports none.
        var policy = PolicyOf(robotId);
        foreach (var controller in robot.Controllers.Values)
        {
            if (controller.Safety is not { } safety || controller.Policy != policy)
            {
                continue;
            }

            if (policy is not null)
            {
                safety.AddInterventionsByVersion(byModelVersion);
            }
            else
            {
                byModelVersion[TelemetryAggregator.NoModel] = byModelVersion.TryGetValue(TelemetryAggregator.NoModel, out var sum) ? sum + safety.Interventions : safety.Interventions;
            }
        }
    }

    private string? PolicyOf(string robotId) =>
        site.Robots.FirstOrDefault(r => r.RobotId == robotId)?.Motion?.Controllers.Values.Select(c => c.Policy).FirstOrDefault(p => p is not null);

    private Dictionary<string, ModelSlot> Slots()
    {
        if (_slots is { } slots)
        {
            return slots;
        }

        var found = new Dictionary<string, ModelSlot>(StringComparer.Ordinal);
        foreach (var robot in site.Robots.Where(r => r.OnLink))
        {
            var policy = robot.Motion!.Controllers.Values.Select(c => c.Policy).FirstOrDefault(p => p is not null);
            if (policy is not null && linked.Policies.TryGetValue(policy, out var slot))
            {
                found[robot.RobotId] = slot;
            }
        }

        // Before the linked site started there are no slots yet: look again next time.
        if (found.Count > 0 || !site.Robots.Any(r => r.OnLink && r.Motion!.Controllers.Values.Any(c => c.Policy is not null)))
        {
            _slots = found;
        }

        return found;
    }
}
