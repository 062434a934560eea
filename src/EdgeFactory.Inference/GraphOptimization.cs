namespace EdgeFactory.Inference;

/// <summary>ONNX Runtime's graph optimisation levels.</summary>
public enum GraphOptimization
{
    /// <summary>Run the graph as written.</summary>
    Disabled = 0,

    /// <summary>Redundancy removal and constant folding.</summary>
    Basic = 1,

    /// <summary>Basic plus fusions.</summary>
    Extended = 2,

    /// <summary>Everything, including layout optimisations (the default).</summary>
    All = 99,
}
