namespace EdgeFactory.Inference;

/// <summary>Sizes, names and CLR types of <see cref="TensorElementType"/> values.</summary>
public static class TensorElementTypes
{
    /// <summary>Bytes per element; throws for types that have no fixed size.</summary>
    public static int SizeOf(TensorElementType type) => type switch
    {
        TensorElementType.Float32 or TensorElementType.Int32 or TensorElementType.UInt32 => 4,
        TensorElementType.UInt8 or TensorElementType.Int8 or TensorElementType.Bool => 1,
        TensorElementType.UInt16 or TensorElementType.Int16 or TensorElementType.Float16 => 2,
        TensorElementType.Int64 or TensorElementType.UInt64 or TensorElementType.Float64 => 8,
        _ => throw new OnnxRuntimeException(OrtErrorCode.NotImplemented, $"Tensors of {Name(type)} elements are not supported; use a numeric or bool type."),
    };

    /// <summary>Short lower-case name as people write it: <c>float32</c>, <c>uint8</c>, <c>bool</c>.</summary>
    public static string Name(TensorElementType type) => type switch
    {
        TensorElementType.Float32 => "float32",
        TensorElementType.UInt8 => "uint8",
        TensorElementType.Int8 => "int8",
        TensorElementType.UInt16 => "uint16",
        TensorElementType.Int16 => "int16",
        TensorElementType.Int32 => "int32",
        TensorElementType.Int64 => "int64",
        TensorElementType.String => "string",
        TensorElementType.Bool => "bool",
        TensorElementType.Float16 => "float16",
        TensorElementType.Float64 => "float64",
        TensorElementType.UInt32 => "uint32",
        TensorElementType.UInt64 => "uint64",
        _ => "undefined",
    };

    /// <summary>The element type whose CLR representation is <typeparamref name="T"/>.</summary>
    public static TensorElementType Of<T>()
        where T : unmanaged
    {
        var t = typeof(T);
        return t == typeof(float) ? TensorElementType.Float32
            : t == typeof(byte) ? TensorElementType.UInt8
            : t == typeof(sbyte) ? TensorElementType.Int8
            : t == typeof(ushort) ? TensorElementType.UInt16
            : t == typeof(short) ? TensorElementType.Int16
            : t == typeof(int) ? TensorElementType.Int32
            : t == typeof(long) ? TensorElementType.Int64
            : t == typeof(bool) ? TensorElementType.Bool
            : t == typeof(Half) ? TensorElementType.Float16
            : t == typeof(double) ? TensorElementType.Float64
            : t == typeof(uint) ? TensorElementType.UInt32
            : t == typeof(ulong) ? TensorElementType.UInt64
            : TensorElementType.Undefined;
    }
}
