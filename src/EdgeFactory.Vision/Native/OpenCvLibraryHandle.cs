using System.Runtime.InteropServices;

namespace EdgeFactory.Vision.Native;

/// <summary>A loaded libOpenCvSharpExtern.so; kept for the process's life (OpenCvSharp's own calls resolve to it).</summary>
internal sealed class OpenCvLibraryHandle : SafeHandle
{
    public OpenCvLibraryHandle(nint handle)
        : base(0, ownsHandle: false)
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    // Never unloaded: OpenCvSharp's P/Invoke stubs bind to it for good.
    protected override bool ReleaseHandle() => true;
}
