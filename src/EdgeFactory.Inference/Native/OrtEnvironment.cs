using System.Runtime.InteropServices;

namespace EdgeFactory.Inference.Native;

/// <summary>The process's one <c>OrtEnv</c>, its default allocator and CPU memory info, created on first use and kept for the process's life.</summary>
internal static unsafe class OrtEnvironment
{
    private static readonly Lazy<State> Current = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Raw <c>OrtEnv*</c>.</summary>
    public static nint Env => Current.Value.Env.Raw;

    /// <summary>Raw default <c>OrtAllocator*</c> (owned by ONNX Runtime; never released).</summary>
    public static nint Allocator => Current.Value.Allocator;

    /// <summary>Raw <c>OrtMemoryInfo*</c> for CPU tensors over caller memory.</summary>
    public static nint CpuMemory => Current.Value.CpuMemory.Raw;

    private static State Create()
    {
        nint env;
        // Warning level: ONNX Runtime's own log goes to stderr, where an operator sees it next to ours.
        fixed (byte* logId = "edgefactory\0"u8)
        {
            OrtApi.Check(OrtApi.CreateEnv(2, logId, &env), "creating the ONNX Runtime environment");
        }

        nint allocator;
        OrtApi.Check(OrtApi.GetAllocatorWithDefaultOptions(&allocator), "getting ONNX Runtime's default allocator");
        nint memory;
        // OrtArenaAllocator, OrtMemTypeDefault: plain CPU memory the caller owns.
        OrtApi.Check(OrtApi.CreateCpuMemoryInfo(1, 0, &memory), "creating CPU memory info");
        return new State(OrtHandle.Own(OrtObjectKind.Env, env), allocator, OrtHandle.Own(OrtObjectKind.MemoryInfo, memory));
    }

    /// <summary>Copies a string ONNX Runtime allocated with the default allocator and frees it.</summary>
    public static string TakeString(byte* value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)value) ?? string.Empty;
        }
        finally
        {
            OrtApi.Check(OrtApi.AllocatorFree(Allocator, value), "freeing a string");
        }
    }

    /// <summary>Frees memory ONNX Runtime allocated with the default allocator.</summary>
    public static void Free(void* value)
    {
        if (value is not null)
        {
            OrtApi.Check(OrtApi.AllocatorFree(Allocator, value), "freeing ONNX Runtime memory");
        }
    }

    private sealed record State(OrtHandle Env, nint Allocator, OrtHandle CpuMemory);
}
