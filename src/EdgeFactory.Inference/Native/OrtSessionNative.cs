using System.Runtime.InteropServices;

namespace EdgeFactory.Inference.Native;

/// <summary>Builds session options and sessions, and reads a session's inputs, outputs and metadata.</summary>
internal static unsafe class OrtSessionNative
{
    public static OrtHandle CreateOptions(InferenceSessionOptions options, string model)
    {
        _ = OrtEnvironment.Env;
        nint raw;
        OrtApi.Check(OrtApi.CreateSessionOptions(&raw), $"{model}: creating session options");
        var handle = OrtHandle.Own(OrtObjectKind.SessionOptions, raw);
        try
        {
            OrtApi.Check(OrtApi.SetSessionGraphOptimizationLevel(raw, (int)options.Optimization), $"{model}: optimisation level");
            OrtApi.Check(OrtApi.SetIntraOpNumThreads(raw, options.IntraOpThreads), $"{model}: intra-op threads");
            OrtApi.Check(OrtApi.SetInterOpNumThreads(raw, options.InterOpThreads), $"{model}: inter-op threads");
            OrtApi.Check(OrtApi.SetSessionExecutionMode(raw, options.ParallelExecution ? 1 : 0), $"{model}: execution mode");
            if (options.Deterministic)
            {
                OrtApi.Check(OrtApi.SetDeterministicCompute(raw, 1), $"{model}: deterministic compute");
            }

            foreach (var (key, value) in options.ConfigEntries)
            {
                using var k = new Utf8String(key);
                using var v = new Utf8String(value);
                OrtApi.Check(OrtApi.AddSessionConfigEntry(raw, k.Pointer, v.Pointer), $"{model}: session config entry '{key}'");
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public static OrtHandle CreateFromFile(OrtHandle options, string path, string model)
    {
        using var p = new Utf8String(path);
        nint session;
        OrtApi.Check(OrtApi.CreateSession(OrtEnvironment.Env, p.Pointer, options.Raw, &session), $"{model}: loading {path}");
        return OrtHandle.Own(OrtObjectKind.Session, session);
    }

    public static OrtHandle CreateFromBytes(OrtHandle options, ReadOnlySpan<byte> bytes, string model)
    {
        nint session;
        fixed (byte* data = bytes)
        {
            OrtApi.Check(OrtApi.CreateSessionFromArray(OrtEnvironment.Env, data, (nuint)bytes.Length, options.Raw, &session), $"{model}: loading {bytes.Length} bytes");
        }

        return OrtHandle.Own(OrtObjectKind.Session, session);
    }

    public static TensorDescriptor[] Inputs(OrtHandle session, string model) => Describe(session, model, input: true);

    public static TensorDescriptor[] Outputs(OrtHandle session, string model) => Describe(session, model, input: false);

    private static TensorDescriptor[] Describe(OrtHandle session, string model, bool input)
    {
        nuint count;
        OrtApi.Check(input ? OrtApi.SessionGetInputCount(session.Raw, &count) : OrtApi.SessionGetOutputCount(session.Raw, &count), $"{model}: counting inputs and outputs");
        var list = new TensorDescriptor[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            byte* name;
            OrtApi.Check(
                input ? OrtApi.SessionGetInputName(session.Raw, i, OrtEnvironment.Allocator, &name) : OrtApi.SessionGetOutputName(session.Raw, i, OrtEnvironment.Allocator, &name),
                $"{model}: reading a name");
            var text = OrtEnvironment.TakeString(name);
            nint typeInfo;
            OrtApi.Check(input ? OrtApi.SessionGetInputTypeInfo(session.Raw, i, &typeInfo) : OrtApi.SessionGetOutputTypeInfo(session.Raw, i, &typeInfo), $"{model}: reading the type of '{text}'");
            using var owned = OrtHandle.Own(OrtObjectKind.TypeInfo, typeInfo);
            list[(int)i] = DescribeType(text, typeInfo, model);
        }

        return list;
    }

    private static TensorDescriptor DescribeType(string name, nint typeInfo, string model)
    {
        int onnxType;
        OrtApi.Check(OrtApi.GetOnnxTypeFromTypeInfo(typeInfo, &onnxType), $"{model}: type of '{name}'");
        if (onnxType != 1)
        {
            // ONNX_TYPE_TENSOR is 1; sequences and maps are described but cannot be bound.
            return new TensorDescriptor(name, TensorElementType.Undefined, [], []);
        }

        nint info;
        OrtApi.Check(OrtApi.CastTypeInfoToTensorInfo(typeInfo, &info), $"{model}: tensor info of '{name}'");
        var (type, dims, symbolic) = ReadShape(info, $"{model}: shape of '{name}'");
        return new TensorDescriptor(name, type, dims, symbolic);
    }

    /// <summary>Element type, dimensions and symbolic names of an <c>OrtTensorTypeAndShapeInfo</c> (not released here).</summary>
    public static (TensorElementType Type, long[] Dimensions, string[] Symbolic) ReadShape(nint info, string what)
    {
        int type;
        OrtApi.Check(OrtApi.GetTensorElementType(info, &type), what);
        nuint rank;
        OrtApi.Check(OrtApi.GetDimensionsCount(info, &rank), what);
        var dims = new long[(int)rank];
        var names = new nint[(int)rank];
        fixed (long* d = dims)
        fixed (nint* n = names)
        {
            OrtApi.Check(OrtApi.GetDimensions(info, d, rank), what);
            OrtApi.Check(OrtApi.GetSymbolicDimensions(info, (byte**)n, rank), what);
        }

        var symbolic = names.Select(n => n == 0 ? string.Empty : Marshal.PtrToStringUTF8(n) ?? string.Empty).ToArray();
        for (var i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0)
            {
                dims[i] = -1;
            }
        }

        return ((TensorElementType)type, dims, symbolic);
    }

    /// <summary>Producer, graph, domain, description, version and custom map as ONNX Runtime reports them.</summary>
    public static (string Producer, string Graph, string Domain, string Description, long Version, Dictionary<string, string> Custom) Metadata(OrtHandle session, string model)
    {
        nint created;
        OrtApi.Check(OrtApi.SessionGetModelMetadata(session.Raw, &created), $"{model}: reading metadata");
        var raw = created;
        using var metadata = OrtHandle.Own(OrtObjectKind.ModelMetadata, raw);
        var allocator = OrtEnvironment.Allocator;
        var producer = ReadString(OrtApi.ModelMetadataGetProducerName, raw, model);
        var graph = ReadString(OrtApi.ModelMetadataGetGraphName, raw, model);
        var domain = ReadString(OrtApi.ModelMetadataGetDomain, raw, model);
        var description = ReadString(OrtApi.ModelMetadataGetDescription, raw, model);
        long version;
        OrtApi.Check(OrtApi.ModelMetadataGetVersion(raw, &version), $"{model}: reading the model version");

        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        byte** keys;
        long keyCount;
        OrtApi.Check(OrtApi.ModelMetadataGetCustomMetadataMapKeys(raw, allocator, &keys, &keyCount), $"{model}: reading custom metadata keys");
        if (keys is not null)
        {
            try
            {
                for (long i = 0; i < keyCount; i++)
                {
                    var key = OrtEnvironment.TakeString(keys[i]);
                    using var k = new Utf8String(key);
                    byte* value;
                    OrtApi.Check(OrtApi.ModelMetadataLookupCustomMetadataMap(raw, allocator, k.Pointer, &value), $"{model}: reading custom metadata '{key}'");
                    custom[key] = OrtEnvironment.TakeString(value);
                }
            }
            finally
            {
                OrtEnvironment.Free(keys);
            }
        }

        return (producer, graph, domain, description, version, custom);
    }

    private static string ReadString(delegate* unmanaged[Cdecl]<nint, nint, byte**, nint> getter, nint metadata, string model)
    {
        byte* value;
        OrtApi.Check(getter(metadata, OrtEnvironment.Allocator, &value), $"{model}: reading metadata");
        return OrtEnvironment.TakeString(value);
    }
}
