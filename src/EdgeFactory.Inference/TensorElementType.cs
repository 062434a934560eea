namespace EdgeFactory.Inference;

/// <summary>Element types of ONNX tensors, numbered as ONNX's <c>TensorProto.DataType</c>.</summary>
public enum TensorElementType
{
    /// <summary>Not a tensor, or a type this runtime does not know.</summary>
    Undefined = 0,

    /// <summary>32-bit IEEE float.</summary>
    Float32 = 1,

    /// <summary>Unsigned byte (images).</summary>
    UInt8 = 2,

    /// <summary>Signed byte (quantised models).</summary>
    Int8 = 3,

    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 4,

    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 5,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer (indices, token ids).</summary>
    Int64 = 7,

    /// <summary>Strings; not supported on the hot path.</summary>
    String = 8,

    /// <summary>One byte per element, 0 or 1.</summary>
    Bool = 9,

    /// <summary>16-bit IEEE float (<see cref="Half"/>).</summary>
    Float16 = 10,

    /// <summary>64-bit IEEE float.</summary>
    Float64 = 11,

    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 12,

    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 13,
}
