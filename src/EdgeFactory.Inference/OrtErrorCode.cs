namespace EdgeFactory.Inference;

/// <summary>Stable codes of inference failures: ONNX Runtime's own <c>OrtErrorCode</c> values, then ours.</summary>
public enum OrtErrorCode
{
    /// <summary>ORT_FAIL: an unspecified failure inside ONNX Runtime.</summary>
    Fail = 1,

    /// <summary>ORT_INVALID_ARGUMENT: wrong input name, shape or element type.</summary>
    InvalidArgument = 2,

    /// <summary>ORT_NO_SUCHFILE: the model file does not exist.</summary>
    NoSuchFile = 3,

    /// <summary>ORT_NO_MODEL.</summary>
    NoModel = 4,

    /// <summary>ORT_ENGINE_ERROR: an execution provider failed.</summary>
    EngineError = 5,

    /// <summary>ORT_RUNTIME_EXCEPTION.</summary>
    RuntimeException = 6,

    /// <summary>ORT_INVALID_PROTOBUF: the model file is corrupt or not ONNX.</summary>
    InvalidProtobuf = 7,

    /// <summary>ORT_MODEL_LOADED.</summary>
    ModelLoaded = 8,

    /// <summary>ORT_NOT_IMPLEMENTED: an operator or type the build lacks.</summary>
    NotImplemented = 9,

    /// <summary>ORT_INVALID_GRAPH.</summary>
    InvalidGraph = 10,

    /// <summary>ORT_EP_FAIL: an execution provider could not be used.</summary>
    ExecutionProviderFailure = 11,

    /// <summary>The ONNX Runtime library could not be found or loaded.</summary>
    LibraryNotFound = 100,

    /// <summary>The library is older than the ONNX Runtime API version EdgeFactory's package needs.</summary>
    LibraryTooOld = 101,

    /// <summary>A tensor file (.npy) that cannot be read: bad header, unsupported dtype, Fortran order or wrong length.</summary>
    InvalidTensorFile = 102,

    /// <summary>The library given as ONNX Runtime is some other library (it exports no <c>OrtGetApiBase</c>).</summary>
    NotOnnxRuntime = 103,
}
