using System.Runtime.InteropServices;

namespace EdgeFactory.Inference.Native;

/// <summary><c>struct OrtApiBase</c>: the only thing the library exports by name.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OrtApiBase
{
    public delegate* unmanaged[Cdecl]<uint, void*> GetApi;          // const OrtApi* (*GetApi)(uint32_t version)
    public delegate* unmanaged[Cdecl]<byte*> GetVersionString;      // const char* (*GetVersionString)(void)
}
