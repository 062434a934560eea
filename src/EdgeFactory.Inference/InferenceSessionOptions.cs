namespace EdgeFactory.Inference;

/// <summary>How a session is built: graph optimisation, threads, determinism and the execution-provider preference.</summary>
public sealed record InferenceSessionOptions
{
    /// <summary>Defaults: all optimisations, ONNX Runtime's thread defaults, CPU.</summary>
    public static InferenceSessionOptions Default { get; } = new();

    /// <summary>Graph optimisation level.</summary>
    public GraphOptimization Optimization { get; init; } = GraphOptimization.All;

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads across operators in parallel mode; 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>Run independent branches of the graph in parallel.</summary>
    public bool ParallelExecution { get; init; }

    /// <summary>Ask kernels for deterministic algorithms (matters on GPUs; costs speed).</summary>
    public bool Deterministic { get; init; }

    /// <summary>Providers to try in order; CPU ends the list (appended when missing) because it is the fallback that always works.</summary>
    public IReadOnlyList<ExecutionProviderPreference> Providers { get; init; } = [ExecutionProviderPreference.Cpu];

    /// <summary>Session configuration entries passed to ONNX Runtime as they are.</summary>
    public IReadOnlyDictionary<string, string> ConfigEntries { get; init; } = new Dictionary<string, string>();

    /// <summary>Throws <see cref="OnnxRuntimeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (IntraOpThreads < 0 || InterOpThreads < 0)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, "Thread counts cannot be negative; use 0 to let ONNX Runtime choose.");
        }

        if (!Enum.IsDefined(Optimization))
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"{(int)Optimization} is not a graph optimisation level.");
        }

        foreach (var p in Providers)
        {
            if (p.DeviceId < 0)
            {
                throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"{p.ShortName}: device id {p.DeviceId} is negative.");
            }
        }
    }

    /// <summary>The providers to try, ending with CPU.</summary>
    internal IReadOnlyList<ExecutionProviderPreference> ProviderChain()
    {
        var chain = new List<ExecutionProviderPreference>();
        foreach (var p in Providers)
        {
            chain.Add(p);
            if (p.Kind == ExecutionProviderKind.Cpu)
            {
                return chain;
            }
        }

        chain.Add(ExecutionProviderPreference.Cpu);
        return chain;
    }
}
