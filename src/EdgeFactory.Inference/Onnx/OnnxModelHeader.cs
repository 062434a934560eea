using System.Text;

namespace EdgeFactory.Inference.Onnx;

/// <summary>
/// Reads the top-level fields of an ONNX <c>ModelProto</c> that ONNX Runtime's C# API does not report
/// (IR version, producer version, opset imports), skipping the graph without parsing it.
/// </summary>
internal static class OnnxModelHeader
{
    private const int WireVarint = 0;
    private const int Wire64 = 1;
    private const int WireLengthDelimited = 2;
    private const int Wire32 = 5;

    /// <summary>What the header holds; fields absent from the file keep their defaults.</summary>
    public sealed record Facts(long IrVersion, string ProducerVersion, IReadOnlyDictionary<string, long> Opsets);

    /// <summary>Reads the header from a stream positioned at the start of the model; returns null when the bytes are not a readable ModelProto.</summary>
    public static Facts? TryRead(Stream model)
    {
        try
        {
            return Read(model);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            return null;
        }
    }

    private static Facts Read(Stream s)
    {
        long ir = 0;
        var producerVersion = string.Empty;
        var opsets = new Dictionary<string, long>(StringComparer.Ordinal);
        while (s.Position < s.Length)
        {
            var key = ReadVarint(s);
            var field = (int)(key >> 3);
            var wire = (int)(key & 7);
            switch (field, wire)
            {
                case (1, WireVarint):
                    ir = (long)ReadVarint(s);
                    break;
                case (3, WireLengthDelimited):
                    producerVersion = ReadString(s);
                    break;
                case (8, WireLengthDelimited):
                    var (domain, version) = ReadOpset(s, Length(s));
                    opsets[domain] = version;
                    break;
                default:
                    Skip(s, wire);
                    break;
            }
        }

        return new Facts(ir, producerVersion, opsets);
    }

    private static (string Domain, long Version) ReadOpset(Stream s, long length)
    {
        var end = s.Position + length;
        var domain = string.Empty;
        long version = 0;
        while (s.Position < end)
        {
            var key = ReadVarint(s);
            switch ((int)(key >> 3), (int)(key & 7))
            {
                case (1, WireLengthDelimited): domain = ReadString(s); break;
                case (2, WireVarint): version = (long)ReadVarint(s); break;
                default: Skip(s, (int)(key & 7)); break;
            }
        }

        return (domain, version);
    }

    private static void Skip(Stream s, int wire)
    {
        switch (wire)
        {
            case WireVarint: ReadVarint(s); break;
            case Wire64: Advance(s, 8); break;
            case WireLengthDelimited: Advance(s, Length(s)); break;
            case Wire32: Advance(s, 4); break;
            default: throw new InvalidDataException($"wire type {wire} is not valid in a ModelProto");
        }
    }

    private static void Advance(Stream s, long count)
    {
        if (s.Position + count > s.Length)
        {
            throw new EndOfStreamException();
        }

        s.Seek(count, SeekOrigin.Current);
    }

    private static long Length(Stream s)
    {
        var length = ReadVarint(s);
        return length > (ulong)(s.Length - s.Position) ? throw new EndOfStreamException() : (long)length;
    }

    private static string ReadString(Stream s)
    {
        var length = Length(s);
        if (length > 1 << 20)
        {
            throw new InvalidDataException("header string longer than 1 MiB");
        }

        var bytes = new byte[length];
        s.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    private static ulong ReadVarint(Stream s)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = s.ReadByte();
            if (b < 0)
            {
                throw new EndOfStreamException();
            }

            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("varint longer than 10 bytes");
    }
}
