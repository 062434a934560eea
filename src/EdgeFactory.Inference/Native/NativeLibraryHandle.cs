using System.Runtime.InteropServices;

namespace EdgeFactory.Inference.Native;

/// <summary>A shared library loaded with <see cref="NativeLibrary"/>; freed when released.</summary>
internal sealed class NativeLibraryHandle : SafeHandle
{
    public NativeLibraryHandle(nint handle)
        : base(0, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        NativeLibrary.Free(handle);
        return true;
    }
}
