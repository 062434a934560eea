using System.Globalization;

namespace EdgeFactory.Inference;

/// <summary>Element counts and text forms of tensor shapes.</summary>
public static class TensorShapes
{
    /// <summary>Product of the dimensions; a negative dimension or a product that overflows is a typed error naming <paramref name="what"/>.</summary>
    public static long ElementCount(ReadOnlySpan<long> shape, string what)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"{what}: shape {Format(shape)} has a negative dimension; give every symbolic dimension a size.");
            }

            try
            {
                count = checked(count * d);
            }
            catch (OverflowException)
            {
                throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"{what}: shape {Format(shape)} has more elements than a 64-bit count can hold.");
            }
        }

        return count;
    }

    /// <summary>
    /// Largest tensor EdgeFactory allocates, in bytes (2 GiB less one): far above any camera frame or model input, and
    /// the most a span can address. A larger shape is a mistake (a typo in <c>--shape</c>, a hostile .npy header), not a workload.
    /// </summary>
    public const long MaxTensorBytes = int.MaxValue;

    /// <summary>Byte length of a tensor; overflow or a length over <see cref="MaxTensorBytes"/> is a typed error.</summary>
    public static long ByteLength(TensorElementType type, ReadOnlySpan<long> shape, string what)
    {
        var count = ElementCount(shape, what);
        long bytes;
        try
        {
            bytes = checked(count * TensorElementTypes.SizeOf(type));
        }
        catch (OverflowException)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"{what}: shape {Format(shape)} of {TensorElementTypes.Name(type)} is larger than memory can address.");
        }

        return bytes <= MaxTensorBytes
            ? bytes
            : throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what}: shape {Format(shape)} of {TensorElementTypes.Name(type)} needs {bytes:N0} bytes, more than the {MaxTensorBytes:N0} a tensor may have; check the shape."));
    }

    /// <summary><c>[1, 3, 640, 640]</c>; negative dimensions print as <c>?</c>.</summary>
    public static string Format(ReadOnlySpan<long> shape)
    {
        var parts = new string[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i] < 0 ? "?" : shape[i].ToString(CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    /// <summary>Parses <c>1x3x640x640</c> (or comma separated) into dimensions; a bad form is a typed error.</summary>
    public static long[] Parse(string text)
    {
        var parts = text.Split(['x', 'X', ','], StringSplitOptions.TrimEntries);
        var shape = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
            {
                throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"'{text}' is not a shape; write dimensions separated by x, e.g. 1x3x640x640.");
            }
        }

        return shape;
    }
}
