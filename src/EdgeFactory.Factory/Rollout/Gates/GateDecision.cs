using System.Text.Json.Serialization;

namespace EdgeFactory.Factory.Rollout.Gates;

/// <summary>What a gate says about a wave.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GateDecision>))]
public enum GateDecision
{
    /// <summary>Too few finished tasks on one side to judge; keep baking.</summary>
    Wait,

    /// <summary>No figure is significantly worse than the baseline (and, where asked, tasks per hour rose): go on.</summary>
    Pass,

    /// <summary>At least one figure is significantly worse: pause the rollout and roll the wave back.</summary>
    Fail,
}
