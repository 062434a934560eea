namespace EdgeFactory.Runtime.Tests.Skills.Link;

/// <summary>Tests with control loops against real controllers run alone: a loop needs its core on time, as on a device.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RobotLinkCollection
{
    public const string Name = "robot link";
}
