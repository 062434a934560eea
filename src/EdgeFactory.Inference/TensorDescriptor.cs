namespace EdgeFactory.Inference;

/// <summary>One input or output of a model: name, element type and shape, where a symbolic or unknown dimension is -1.</summary>
/// <param name="Name">Name in the graph.</param>
/// <param name="ElementType">Element type; <see cref="TensorElementType.Undefined"/> for non-tensor values.</param>
/// <param name="Dimensions">Dimensions; -1 where the model leaves the size open.</param>
/// <param name="SymbolicDimensions">Name of each open dimension (e.g. <c>batch</c>), empty where it has none or is fixed.</param>
public sealed record TensorDescriptor(string Name, TensorElementType ElementType, IReadOnlyList<long> Dimensions, IReadOnlyList<string> SymbolicDimensions)
{
    /// <summary>Whether every dimension has a fixed size.</summary>
    public bool IsFixed => Dimensions.All(d => d >= 0);

    /// <summary>Shape text with symbolic names: <c>float32[batch, 3, 640, 640]</c>.</summary>
    public string ShapeText
    {
        get
        {
            var dims = Dimensions.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : i < SymbolicDimensions.Count && SymbolicDimensions[i].Length > 0 ? SymbolicDimensions[i] : "?");
            return $"{TensorElementTypes.Name(ElementType)}[{string.Join(", ", dims)}]";
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {ShapeText}";

    /// <summary>Whether a tensor of <paramref name="shape"/> fits this descriptor (same rank, fixed dimensions equal).</summary>
    public bool Accepts(ReadOnlySpan<long> shape)
    {
        if (shape.Length != Dimensions.Count)
        {
            return false;
        }

        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0 || (Dimensions[i] >= 0 && Dimensions[i] != shape[i]))
            {
                return false;
            }
        }

        return true;
    }
}
