using System.Text;
using EdgeFactory.Inference.Npy;

namespace EdgeFactory.Inference.Tests.Npy;

public sealed class NpyFileTests
{
    [Theory]
    [InlineData(TensorElementType.Float32)]
    [InlineData(TensorElementType.Float16)]
    [InlineData(TensorElementType.UInt8)]
    [InlineData(TensorElementType.Int64)]
    [InlineData(TensorElementType.Bool)]
    [InlineData(TensorElementType.Float64)]
    public void WriteThenRead_RoundTripsTypeShapeAndBytes(TensorElementType type)
    {
        using var tensor = NativeTensor.Allocate(type, [2, 3, 5]);
        var bytes = tensor.AsBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = type == TensorElementType.Bool ? (byte)(i % 2) : (byte)(i * 7);
        }

        using var stream = new MemoryStream();
        NpyFile.Write(stream, tensor);
        Assert.Equal(0, (stream.Length - bytes.Length) % 64);
        stream.Position = 0;
        using var back = NpyFile.Read(stream, "t.npy");

        Assert.Equal(type, back.ElementType);
        Assert.Equal([2, 3, 5], back.Shape.ToArray());
        Assert.True(back.AsBytes().SequenceEqual(bytes));
    }

    [Fact]
    public void Read_NumpyWrittenHeaderWithOneDimension_Parses()
    {
        using var stream = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 12);

        using var t = NpyFile.Read(stream, "v.npy");

        Assert.Equal([3], t.Shape.ToArray());
    }

    [Theory]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (3,), }", "dtype '>f4'")]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (3,), }", "Fortran")]
    [InlineData("{'descr': '<c8', 'fortran_order': False, 'shape': (3,), }", "dtype '<c8'")]
    [InlineData("{'descr': '<f4', 'shape': (3,), }", "lacks")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", "shorter")]
    public void Read_BadFiles_AreInvalidTensorFileErrors(string header, string expected)
    {
        using var stream = Build(header, expected == "shorter" ? 8 : 12);

        var e = Assert.Throws<OnnxRuntimeException>(() => NpyFile.Read(stream, "bad.npy"));

        Assert.Equal(OrtErrorCode.InvalidTensorFile, e.Code);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.npy:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderClaimingAHugeShape_TypedErrorBeforeAllocating()
    {
        using var stream = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }", 4);

        var e = Assert.Throws<OnnxRuntimeException>(() => NpyFile.Read(stream, "huge.npy"));

        Assert.Equal(OrtErrorCode.InvalidArgument, e.Code);
        Assert.Contains("more than the 2,147,483,647 a tensor may have", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotNpy_IsInvalidTensorFile()
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes("P6 640 480 255\n"));

        var e = Assert.Throws<OnnxRuntimeException>(() => NpyFile.Read(stream, "frame.ppm"));

        Assert.Equal(OrtErrorCode.InvalidTensorFile, e.Code);
    }

    private static MemoryStream Build(string header, int dataBytes)
    {
        var text = header.PadRight(118) + "\n";
        var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)text.Length, 0]);
        stream.Write(Encoding.Latin1.GetBytes(text));
        stream.Write(new byte[dataBytes]);
        stream.Position = 0;
        return stream;
    }
}
