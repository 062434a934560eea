namespace EdgeFactory.Inference.Native;

/// <summary>Creates tensor <c>OrtValue</c>s over memory the caller owns and reads tensors ONNX Runtime allocated.</summary>
internal static unsafe class OrtValueNative
{
    public static OrtHandle CreateTensor(void* data, long byteLength, TensorElementType type, ReadOnlySpan<long> shape, string what)
    {
        nint value;
        fixed (long* dims = shape)
        {
            OrtApi.Check(
                OrtApi.CreateTensorWithDataAsOrtValue(OrtEnvironment.CpuMemory, data, (nuint)byteLength, dims, (nuint)shape.Length, (int)type, &value),
                what);
        }

        return OrtHandle.Own(OrtObjectKind.Value, value);
    }

    /// <summary>Data pointer, element type and shape of a tensor value.</summary>
    public static (nint Data, TensorElementType Type, long[] Shape) Read(OrtHandle value, string what)
    {
        void* data;
        OrtApi.Check(OrtApi.GetTensorMutableData(value.Raw, &data), what);
        nint info;
        OrtApi.Check(OrtApi.GetTensorTypeAndShape(value.Raw, &info), what);
        try
        {
            var (type, dims, _) = OrtSessionNative.ReadShape(info, what);
            return ((nint)data, type, dims);
        }
        finally
        {
            OrtApi.ReleaseTensorTypeAndShapeInfo(info);
        }
    }
}
