using System.Runtime.InteropServices;

namespace EdgeFactory.Inference.Native;

/// <summary>
/// The entries of <c>struct OrtApi</c> this binding calls, read once from the table <c>GetApi</c> returns.
/// </summary>
/// <remarks>
/// The struct is append-only, so an entry's index is its ABI: each index below was counted from
/// <c>onnxruntime_c_api.h</c> (1.30) and every entry is exercised by the Inference tests, where a wrong
/// index shows up as a failing call rather than silently. <see cref="RequiredApiVersion"/> is the
/// oldest table that holds every index used (SetDeterministicCompute arrived in API 17).
/// </remarks>
internal static unsafe class OrtApi
{
    /// <summary>API version requested from <c>GetApi</c>; ONNX Runtime 1.17 and later serve it.</summary>
    public const uint RequiredApiVersion = 17;

    // OrtStatus
    public static readonly delegate* unmanaged[Cdecl]<nint, int> GetErrorCode;
    public static readonly delegate* unmanaged[Cdecl]<nint, byte*> GetErrorMessage;
    public static readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseStatus;

    // OrtEnv
    public static readonly delegate* unmanaged[Cdecl]<int, byte*, nint*, nint> CreateEnv;
    public static readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseEnv;

    // OrtSessionOptions
    public static readonly delegate* unmanaged[Cdecl]<nint*, nint> CreateSessionOptions;
    public static readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetSessionExecutionMode;
    public static readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetSessionGraphOptimizationLevel;
    public static readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetIntraOpNumThreads;
    public static readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetInterOpNumThreads;
    public static readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint> AddSessionConfigEntry;
    public static readonly delegate* unmanaged[Cdecl]<nint, byte, nint> SetDeterministicCompute;
    public static readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseSessionOptions;

    // Execution providers
    public static readonly delegate* unmanaged[Cdecl]<byte***, int*, nint> GetAvailableProviders;
    public static readonly delegate* unmanaged[Cdecl]<byte**, int, nint> ReleaseAvailableProviders;
    public static readonly delegate* unmanaged[Cdecl]<nint*, nint> CreateCUDAProviderOptions;
    public static readonly delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint> UpdateCUDAProviderOptions;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint, nint> SessionOptionsAppendExecutionProvider_CUDA_V2;
    public static readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseCUDAProviderOptions;
    public static readonly delegate* unmanaged[Cdecl]<nint*, nint> CreateTensorRTProviderOptions;
    public static readonly delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint> UpdateTensorRTProviderOptions;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint, nint> SessionOptionsAppendExecutionProvider_TensorRT_V2;
    public static readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseTensorRTProviderOptions;

    // OrtSession
    public static readonly delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint> CreateSession;
    public static readonly delegate* unmanaged[Cdecl]<nint, void*, nuint, nint, nint*, nint> CreateSessionFromArray;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint> Run;
    public static readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> SessionGetInputCount;
    public static readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> SessionGetOutputCount;
    public static readonly delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> SessionGetInputTypeInfo;
    public static readonly delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> SessionGetOutputTypeInfo;
    public static readonly delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> SessionGetInputName;
    public static readonly delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> SessionGetOutputName;
    public static readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseSession;

    // OrtModelMetadata
    public static readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> SessionGetModelMetadata;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint, byte**, nint> ModelMetadataGetProducerName;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint, byte**, nint> ModelMetadataGetGraphName;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint, byte**, nint> ModelMetadataGetDomain;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint, byte**, nint> ModelMetadataGetDescription;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint, byte*, byte**, nint> ModelMetadataLookupCustomMetadataMap;
    public static readonly delegate* unmanaged[Cdecl]<nint, long*, nint> ModelMetadataGetVersion;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint, byte***, long*, nint> ModelMetadataGetCustomMetadataMapKeys;
    public static readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseModelMetadata;

    // OrtRunOptions
    public static readonly delegate* unmanaged[Cdecl]<nint*, nint> CreateRunOptions;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint> RunOptionsSetTerminate;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint> RunOptionsUnsetTerminate;
    public static readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseRunOptions;

    // OrtValue, type and shape information
    public static readonly delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue;
    public static readonly delegate* unmanaged[Cdecl]<nint, void**, nint> GetTensorMutableData;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> GetTensorTypeAndShape;
    public static readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseValue;
    public static readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> CastTypeInfoToTensorInfo;
    public static readonly delegate* unmanaged[Cdecl]<nint, int*, nint> GetOnnxTypeFromTypeInfo;
    public static readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseTypeInfo;
    public static readonly delegate* unmanaged[Cdecl]<nint, int*, nint> GetTensorElementType;
    public static readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> GetDimensionsCount;
    public static readonly delegate* unmanaged[Cdecl]<nint, long*, nuint, nint> GetDimensions;
    public static readonly delegate* unmanaged[Cdecl]<nint, byte**, nuint, nint> GetSymbolicDimensions;
    public static readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseTensorTypeAndShapeInfo;

    // Memory
    public static readonly delegate* unmanaged[Cdecl]<int, int, nint*, nint> CreateCpuMemoryInfo;
    public static readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseMemoryInfo;
    public static readonly delegate* unmanaged[Cdecl]<nint*, nint> GetAllocatorWithDefaultOptions;
    public static readonly delegate* unmanaged[Cdecl]<nint, void*, nint> AllocatorFree;

#pragma warning disable CA1810 // one read of the table, in index order, is clearer than 60 field initialisers
    static OrtApi()
#pragma warning restore CA1810
    {
        var table = (void**)OrtLibrary.Api();
        GetErrorCode = (delegate* unmanaged[Cdecl]<nint, int>)table[1];
        GetErrorMessage = (delegate* unmanaged[Cdecl]<nint, byte*>)table[2];
        CreateEnv = (delegate* unmanaged[Cdecl]<int, byte*, nint*, nint>)table[3];
        CreateSession = (delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint>)table[7];
        CreateSessionFromArray = (delegate* unmanaged[Cdecl]<nint, void*, nuint, nint, nint*, nint>)table[8];
        Run = (delegate* unmanaged[Cdecl]<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)table[9];
        CreateSessionOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)table[10];
        SetSessionExecutionMode = (delegate* unmanaged[Cdecl]<nint, int, nint>)table[13];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged[Cdecl]<nint, int, nint>)table[23];
        SetIntraOpNumThreads = (delegate* unmanaged[Cdecl]<nint, int, nint>)table[24];
        SetInterOpNumThreads = (delegate* unmanaged[Cdecl]<nint, int, nint>)table[25];
        SessionGetInputCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)table[30];
        SessionGetOutputCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)table[31];
        SessionGetInputTypeInfo = (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)table[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)table[34];
        SessionGetInputName = (delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)table[36];
        SessionGetOutputName = (delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)table[37];
        CreateRunOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)table[39];
        RunOptionsSetTerminate = (delegate* unmanaged[Cdecl]<nint, nint>)table[46];
        RunOptionsUnsetTerminate = (delegate* unmanaged[Cdecl]<nint, nint>)table[47];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)table[49];
        GetTensorMutableData = (delegate* unmanaged[Cdecl]<nint, void**, nint>)table[51];
        CastTypeInfoToTensorInfo = (delegate* unmanaged[Cdecl]<nint, nint*, nint>)table[55];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged[Cdecl]<nint, int*, nint>)table[56];
        GetTensorElementType = (delegate* unmanaged[Cdecl]<nint, int*, nint>)table[60];
        GetDimensionsCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)table[61];
        GetDimensions = (delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)table[62];
        GetSymbolicDimensions = (delegate* unmanaged[Cdecl]<nint, byte**, nuint, nint>)table[63];
        GetTensorTypeAndShape = (delegate* unmanaged[Cdecl]<nint, nint*, nint>)table[65];
        CreateCpuMemoryInfo = (delegate* unmanaged[Cdecl]<int, int, nint*, nint>)table[69];
        AllocatorFree = (delegate* unmanaged[Cdecl]<nint, void*, nint>)table[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)table[78];
        ReleaseEnv = (delegate* unmanaged[Cdecl]<nint, void>)table[92];
        ReleaseStatus = (delegate* unmanaged[Cdecl]<nint, void>)table[93];
        ReleaseMemoryInfo = (delegate* unmanaged[Cdecl]<nint, void>)table[94];
        ReleaseSession = (delegate* unmanaged[Cdecl]<nint, void>)table[95];
        ReleaseValue = (delegate* unmanaged[Cdecl]<nint, void>)table[96];
        ReleaseRunOptions = (delegate* unmanaged[Cdecl]<nint, void>)table[97];
        ReleaseTypeInfo = (delegate* unmanaged[Cdecl]<nint, void>)table[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged[Cdecl]<nint, void>)table[99];
        ReleaseSessionOptions = (delegate* unmanaged[Cdecl]<nint, void>)table[100];
        SessionGetModelMetadata = (delegate* unmanaged[Cdecl]<nint, nint*, nint>)table[111];
        ModelMetadataGetProducerName = (delegate* unmanaged[Cdecl]<nint, nint, byte**, nint>)table[112];
        ModelMetadataGetGraphName = (delegate* unmanaged[Cdecl]<nint, nint, byte**, nint>)table[113];
        ModelMetadataGetDomain = (delegate* unmanaged[Cdecl]<nint, nint, byte**, nint>)table[114];
        ModelMetadataGetDescription = (delegate* unmanaged[Cdecl]<nint, nint, byte**, nint>)table[115];
        ModelMetadataLookupCustomMetadataMap = (delegate* unmanaged[Cdecl]<nint, nint, byte*, byte**, nint>)table[116];
        ModelMetadataGetVersion = (delegate* unmanaged[Cdecl]<nint, long*, nint>)table[117];
        ReleaseModelMetadata = (delegate* unmanaged[Cdecl]<nint, void>)table[118];
        ModelMetadataGetCustomMetadataMapKeys = (delegate* unmanaged[Cdecl]<nint, nint, byte***, long*, nint>)table[123];
        GetAvailableProviders = (delegate* unmanaged[Cdecl]<byte***, int*, nint>)table[125];
        ReleaseAvailableProviders = (delegate* unmanaged[Cdecl]<byte**, int, nint>)table[126];
        AddSessionConfigEntry = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint>)table[130];
        SessionOptionsAppendExecutionProvider_TensorRT_V2 = (delegate* unmanaged[Cdecl]<nint, nint, nint>)table[170];
        CreateTensorRTProviderOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)table[171];
        UpdateTensorRTProviderOptions = (delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint>)table[172];
        ReleaseTensorRTProviderOptions = (delegate* unmanaged[Cdecl]<nint, void>)table[174];
        SessionOptionsAppendExecutionProvider_CUDA_V2 = (delegate* unmanaged[Cdecl]<nint, nint, nint>)table[204];
        CreateCUDAProviderOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)table[205];
        UpdateCUDAProviderOptions = (delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint>)table[206];
        ReleaseCUDAProviderOptions = (delegate* unmanaged[Cdecl]<nint, void>)table[208];
        SetDeterministicCompute = (delegate* unmanaged[Cdecl]<nint, byte, nint>)table[273];
    }

    /// <summary>Throws <see cref="OnnxRuntimeException"/> for a non-null status, releasing it; <paramref name="context"/> names the model or operation.</summary>
    public static void Check(nint status, string context)
    {
        if (status != 0)
        {
            throw ToException(status, context);
        }
    }

    /// <summary>Turns a non-null status into an exception and releases it.</summary>
    public static OnnxRuntimeException ToException(nint status, string context)
    {
        var code = (OrtErrorCode)GetErrorCode(status);
        var message = Marshal.PtrToStringUTF8((nint)GetErrorMessage(status)) ?? "no message";
        ReleaseStatus(status);
        return new OnnxRuntimeException(code, $"{context}: {message}");
    }
}
