using System.Runtime.InteropServices;
using System.Text;

namespace EdgeFactory.Inference.Native;

/// <summary>A NUL-terminated UTF-8 copy of a string in native memory, for names passed to every run.</summary>
internal sealed unsafe class Utf8String : IDisposable
{
    public Utf8String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Pointer = (byte*)NativeMemory.Alloc((nuint)count + 1);
        var written = Encoding.UTF8.GetBytes(value, new Span<byte>(Pointer, count));
        Pointer[written] = 0;
    }

    ~Utf8String() => Free();

    public byte* Pointer { get; private set; }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (Pointer is not null)
        {
            NativeMemory.Free(Pointer);
            Pointer = null;
        }
    }
}
