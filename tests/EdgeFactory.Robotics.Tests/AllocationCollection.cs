namespace EdgeFactory.Robotics.Tests;

/// <summary>Tests that count allocations and collections run alone, so other tests' garbage does not land in their window.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "allocation";
}
