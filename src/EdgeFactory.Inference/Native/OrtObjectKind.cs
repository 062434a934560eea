namespace EdgeFactory.Inference.Native;

/// <summary>Which <c>Release*</c> function frees an <see cref="OrtHandle"/>.</summary>
internal enum OrtObjectKind
{
    Env,
    Session,
    SessionOptions,
    RunOptions,
    Value,
    MemoryInfo,
    TypeInfo,
    ModelMetadata,
}
