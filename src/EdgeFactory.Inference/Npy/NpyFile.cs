using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EdgeFactory.Inference.Npy;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format 1.0–3.0, little-endian, C order), so line engineers can feed a
/// model the same arrays their Python tools use and compare the outputs.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a file into a tensor the caller owns.</summary>
    public static NativeTensor Read(string path)
    {
        var name = Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            throw Error(name, $"{Path.GetFullPath(path)} is a folder, not an .npy file");
        }

        if (!File.Exists(path))
        {
            throw Error(name, $"file {Path.GetFullPath(path)} does not exist");
        }

        using var stream = File.OpenRead(path);
        return Read(stream, name);
    }

    /// <summary>Reads an .npy stream; <paramref name="name"/> names it in errors.</summary>
    public static NativeTensor Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8 || !prefix[..6].SequenceEqual(Magic))
        {
            throw Error(name, "not a NumPy .npy file (the magic bytes are missing)");
        }

        var major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            Span<byte> len = stackalloc byte[2];
            stream.ReadExactly(len);
            headerLength = len[0] | (len[1] << 8);
        }
        else if (major is 2 or 3)
        {
            Span<byte> len = stackalloc byte[4];
            stream.ReadExactly(len);
            headerLength = BitConverter.ToInt32(len);
        }
        else
        {
            throw Error(name, $".npy format version {major} is not supported (1, 2 and 3 are)");
        }

        if (headerLength is <= 0 or > 1 << 16)
        {
            throw Error(name, $"header length {headerLength} is not plausible");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var (type, shape) = ParseHeader(Encoding.Latin1.GetString(header), name);

        // A header may claim any shape: check it against the data that is there before allocating for it.
        var needed = TensorShapes.ByteLength(type, shape, name);
        if (stream.CanSeek && stream.Length - stream.Position < needed)
        {
            throw Error(name, $"the data is shorter than the header claims: shape {TensorShapes.Format(shape)} of {TensorElementTypes.Name(type)} needs {needed:N0} bytes, the file holds {stream.Length - stream.Position:N0}");
        }

        var tensor = NativeTensor.Allocate(type, shape);
        try
        {
            var bytes = tensor.AsBytes();
            if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            {
                throw Error(name, $"the data is shorter than shape {TensorShapes.Format(shape)} of {TensorElementTypes.Name(type)} needs ({bytes.Length} bytes)");
            }

            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    /// <summary>Writes a tensor as an .npy file (format 1.0).</summary>
    public static void Write(string path, NativeTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var stream = File.Create(path);
        Write(stream, tensor);
    }

    /// <summary>Writes a tensor to a stream in .npy format 1.0.</summary>
    public static void Write(Stream stream, NativeTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensor);
        var dims = tensor.Shape.ToArray().Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();
        var shape = dims.Length == 1 ? $"({dims[0]},)" : $"({string.Join(", ", dims)})";
        var text = $"{{'descr': '{Descr(tensor.ElementType)}', 'fortran_order': False, 'shape': {shape}, }}";
        // Magic (6) + version (2) + length (2) + header + newline is padded to a multiple of 64, as numpy does.
        var padded = ((10 + text.Length + 1 + 63) / 64 * 64) - 10;
        text = text.PadRight(padded - 1) + "\n";
        stream.Write(Magic);
        stream.Write([1, 0, (byte)(padded & 0xff), (byte)(padded >> 8)]);
        stream.Write(Encoding.Latin1.GetBytes(text));
        stream.Write(tensor.AsBytes());
    }

    private static (TensorElementType Type, long[] Shape) ParseHeader(string header, string name)
    {
        var descr = DescrPattern().Match(header);
        var order = OrderPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shape.Success)
        {
            throw Error(name, $"header '{header.Trim()}' lacks descr, fortran_order or shape");
        }

        if (order.Groups[1].Value == "True")
        {
            throw Error(name, "Fortran-ordered arrays are not supported; save with numpy.ascontiguousarray first");
        }

        var type = descr.Groups[1].Value switch
        {
            "<f4" or "=f4" => TensorElementType.Float32,
            "<f2" or "=f2" => TensorElementType.Float16,
            "<f8" or "=f8" => TensorElementType.Float64,
            "|u1" or "<u1" => TensorElementType.UInt8,
            "|i1" or "<i1" => TensorElementType.Int8,
            "<u2" or "=u2" => TensorElementType.UInt16,
            "<i2" or "=i2" => TensorElementType.Int16,
            "<i4" or "=i4" => TensorElementType.Int32,
            "<u4" or "=u4" => TensorElementType.UInt32,
            "<i8" or "=i8" => TensorElementType.Int64,
            "<u8" or "=u8" => TensorElementType.UInt64,
            "|b1" => TensorElementType.Bool,
            var other => throw Error(name, $"dtype '{other}' is not supported; use little-endian float32/16/64, (u)int8/16/32/64 or bool"),
        };

        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var parsed = new long[dims.Length];
        for (var i = 0; i < dims.Length; i++)
        {
            if (!long.TryParse(dims[i].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out parsed[i]))
            {
                throw Error(name, $"shape ({shape.Groups[1].Value}) is not a tuple of sizes");
            }
        }

        return (type, parsed);
    }

    private static string Descr(TensorElementType type) => type switch
    {
        TensorElementType.Float32 => "<f4",
        TensorElementType.Float16 => "<f2",
        TensorElementType.Float64 => "<f8",
        TensorElementType.UInt8 => "|u1",
        TensorElementType.Int8 => "|i1",
        TensorElementType.UInt16 => "<u2",
        TensorElementType.Int16 => "<i2",
        TensorElementType.Int32 => "<i4",
        TensorElementType.UInt32 => "<u4",
        TensorElementType.Int64 => "<i8",
        TensorElementType.UInt64 => "<u8",
        TensorElementType.Bool => "|b1",
        _ => throw new OnnxRuntimeException(OrtErrorCode.InvalidTensorFile, $"{TensorElementTypes.Name(type)} tensors cannot be written as .npy."),
    };

    private static OnnxRuntimeException Error(string name, string message) => new(OrtErrorCode.InvalidTensorFile, $"{name}: {message}.");

    [GeneratedRegex(@"'descr'\s*:\s*'([<>|=][a-z]\d+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
