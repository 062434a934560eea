using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace EdgeFactory.Inference;

/// <summary>
/// A tensor whose elements live outside the GC heap (native memory, pinned caller memory, or memory ONNX Runtime
/// allocated) with the <c>OrtValue</c> over it created once, so binding it to a run copies nothing.
/// </summary>
public sealed unsafe class NativeTensor : IDisposable
{
    private readonly long[] _shape;
    private readonly Storage _storage;
    private MemoryHandle _pin;
    private nint _data;
    private int _bindings;
    private bool _disposed;

    private NativeTensor(TensorElementType type, long[] shape, nint data, long byteLength, Storage storage, OrtValue value, MemoryHandle pin = default)
    {
        ElementType = type;
        _shape = shape;
        _data = data;
        ByteLength = byteLength;
        _storage = storage;
        Value = value;
        _pin = pin;
        ElementCount = TensorShapes.ElementCount(shape, "tensor");
    }

    private enum Storage
    {
        Owned,
        Pinned,
        OnnxRuntime,
    }

    /// <summary>Element type.</summary>
    public TensorElementType ElementType { get; }

    /// <summary>Dimensions.</summary>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>Number of elements.</summary>
    public long ElementCount { get; }

    /// <summary>Size of the data in bytes.</summary>
    public long ByteLength { get; }

    /// <summary>The <c>OrtValue</c> over the data.</summary>
    internal OrtValue Value { get; }

    /// <summary>A zeroed, 64-byte aligned tensor in native memory that this object owns.</summary>
    public static NativeTensor Allocate(TensorElementType type, ReadOnlySpan<long> shape)
    {
        var bytes = TensorShapes.ByteLength(type, shape, $"{TensorElementTypes.Name(type)}{TensorShapes.Format(shape)}");
        nint data;
        try
        {
            data = (nint)NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 1), 64);
        }
        catch (OutOfMemoryException)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{TensorElementTypes.Name(type)}{TensorShapes.Format(shape)}: the device has no {bytes:N0} bytes free for this tensor; check the shape or free memory."));
        }

        NativeMemory.Clear((void*)data, (nuint)bytes);
        try
        {
            var dims = shape.ToArray();
            var value = CreateValue(data, bytes, type, dims, "creating a tensor");
            return new NativeTensor(type, dims, data, bytes, Storage.Owned, value);
        }
        catch
        {
            NativeMemory.AlignedFree((void*)data);
            throw;
        }
    }

    /// <summary>A tensor over caller memory (e.g. a camera frame buffer), pinned for this object's life; no copy is made.</summary>
    public static NativeTensor Over<T>(Memory<T> memory, ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        var type = TensorElementTypes.Of<T>();
        var bytes = TensorShapes.ByteLength(type, shape, $"{TensorElementTypes.Name(type)}{TensorShapes.Format(shape)}");
        if (bytes != (long)memory.Length * sizeof(T))
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.InvalidArgument,
                $"A {TensorElementTypes.Name(type)} tensor of shape {TensorShapes.Format(shape)} needs {bytes / sizeof(T)} elements; the buffer has {memory.Length}.");
        }

        var pin = memory.Pin();
        try
        {
            var dims = shape.ToArray();
            var value = CreateValue((nint)pin.Pointer, bytes, type, dims, "creating a tensor over caller memory");
            return new NativeTensor(type, dims, (nint)pin.Pointer, bytes, Storage.Pinned, value, pin);
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }

    /// <summary>Takes ownership of a tensor value ONNX Runtime allocated (a run's output).</summary>
    internal static NativeTensor Adopt(OrtValue value, string what)
    {
        try
        {
            var info = value.GetTensorTypeAndShape();
            var type = TensorDescriptors.ElementType(info.ElementDataType);
            var shape = info.Shape;
            var bytes = TensorShapes.ByteLength(type, shape, what);
            var data = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(value.GetTensorMutableRawData()));
            return new NativeTensor(type, shape, data, bytes, Storage.OnnxRuntime, value);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw OrtFailure.Wrap(e, what);
        }
    }

    private static OrtValue CreateValue(nint data, long bytes, TensorElementType type, long[] shape, string what)
    {
        _ = OnnxRuntimeLibrary.Environment();
        try
        {
            return OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorDescriptors.ToOrt(type), shape, data, bytes);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw OrtFailure.Wrap(e, what);
        }
    }

    /// <summary>The elements as <typeparamref name="T"/>; the type must match <see cref="ElementType"/>.</summary>
    public Span<T> AsSpan<T>()
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (TensorElementTypes.Of<T>() != ElementType)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"This tensor holds {TensorElementTypes.Name(ElementType)}, not {typeof(T).Name}.");
        }

        return new Span<T>((void*)_data, checked((int)ElementCount));
    }

    /// <summary>The raw bytes.</summary>
    public Span<byte> AsBytes()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Span<byte>((void*)_data, checked((int)ByteLength));
    }

    /// <summary>A copy in native memory this object's caller owns.</summary>
    public NativeTensor Clone()
    {
        var copy = Allocate(ElementType, Shape);
        AsBytes().CopyTo(copy.AsBytes());
        return copy;
    }

    /// <summary>Frees the data (when owned) and the <c>OrtValue</c>; a tensor still bound to a runner cannot be disposed.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        if (Volatile.Read(ref _bindings) > 0)
        {
            throw new InvalidOperationException("This tensor is still bound to a runner; dispose the runner (or bind another tensor) first.");
        }

        _disposed = true;
        Value.Dispose();
        switch (_storage)
        {
            case Storage.Owned:
                NativeMemory.AlignedFree((void*)_data);
                break;
            case Storage.Pinned:
                _pin.Dispose();
                break;
        }

        _data = 0;
    }

    internal void AddBinding()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Interlocked.Increment(ref _bindings);
    }

    internal void RemoveBinding() => Interlocked.Decrement(ref _bindings);
}
