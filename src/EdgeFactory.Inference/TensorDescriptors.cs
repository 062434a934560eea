using Microsoft.ML.OnnxRuntime;

namespace EdgeFactory.Inference;

/// <summary>Our <see cref="TensorDescriptor"/> from ONNX Runtime's description of an input or output.</summary>
internal static class TensorDescriptors
{
    public static TensorDescriptor Of(string name, NodeMetadata metadata)
    {
        if (metadata.OnnxValueType != OnnxValueType.ONNX_TYPE_TENSOR)
        {
            // Sequences, maps and optionals are described but cannot be bound.
            return new TensorDescriptor(name, TensorElementType.Undefined, [], []);
        }

        var dims = metadata.Dimensions.Select(d => d < 0 ? -1L : d).ToArray();
        var symbolic = metadata.SymbolicDimensions.Select(s => s ?? string.Empty).ToArray();
        return new TensorDescriptor(name, ElementType(metadata.ElementDataType), dims, symbolic);
    }

    /// <summary>ONNX Runtime numbers element types as ONNX does, as we do; types we have no name for are <see cref="TensorElementType.Undefined"/>.</summary>
    public static TensorElementType ElementType(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType type) =>
        Enum.IsDefined((TensorElementType)(int)type) ? (TensorElementType)(int)type : TensorElementType.Undefined;

    public static Microsoft.ML.OnnxRuntime.Tensors.TensorElementType ToOrt(TensorElementType type) => (Microsoft.ML.OnnxRuntime.Tensors.TensorElementType)(int)type;
}
