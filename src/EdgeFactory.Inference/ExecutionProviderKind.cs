namespace EdgeFactory.Inference;

/// <summary>Execution providers the runtime knows how to append, best first on a Jetson.</summary>
public enum ExecutionProviderKind
{
    /// <summary>ONNX Runtime's CPU kernels; always available.</summary>
    Cpu,

    /// <summary>CUDA kernels on an NVIDIA GPU.</summary>
    Cuda,

    /// <summary>TensorRT engines built from the graph (fastest on Jetson; first run builds the engine).</summary>
    TensorRt,
}
