using System.Runtime.InteropServices;

namespace EdgeFactory.Inference.Native;

/// <summary>Owns one ONNX Runtime object and releases it with the matching <c>Release*</c> entry.</summary>
internal sealed unsafe class OrtHandle : SafeHandle
{
    private OrtHandle(OrtObjectKind kind, nint raw)
        : base(nint.Zero, ownsHandle: true)
    {
        Kind = kind;
        SetHandle(raw);
    }

    public OrtObjectKind Kind { get; }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>The raw pointer, for calls made while this handle is known to be alive.</summary>
    public nint Raw => handle;

    public static OrtHandle Own(OrtObjectKind kind, nint raw) => new(kind, raw);

    protected override bool ReleaseHandle()
    {
        switch (Kind)
        {
            case OrtObjectKind.Env: OrtApi.ReleaseEnv(handle); break;
            case OrtObjectKind.Session: OrtApi.ReleaseSession(handle); break;
            case OrtObjectKind.SessionOptions: OrtApi.ReleaseSessionOptions(handle); break;
            case OrtObjectKind.RunOptions: OrtApi.ReleaseRunOptions(handle); break;
            case OrtObjectKind.Value: OrtApi.ReleaseValue(handle); break;
            case OrtObjectKind.MemoryInfo: OrtApi.ReleaseMemoryInfo(handle); break;
            case OrtObjectKind.TypeInfo: OrtApi.ReleaseTypeInfo(handle); break;
            case OrtObjectKind.ModelMetadata: OrtApi.ReleaseModelMetadata(handle); break;
            default: return false;
        }

        return true;
    }
}
