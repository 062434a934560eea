using EdgeFactory.Inference.Onnx;
using EdgeFactory.Testing;

namespace EdgeFactory.Inference.Tests.Onnx;

public sealed class OnnxModelHeaderTests
{
    [Fact]
    public void TryRead_PaddleModel_FindsIrVersionAndOpset()
    {
        using var stream = File.OpenRead(TestModels.OcrDirection);

        var facts = OnnxModelHeader.TryRead(stream);

        Assert.NotNull(facts);
        Assert.True(facts.IrVersion > 0);
        Assert.True(facts.Opsets[string.Empty] > 0);
    }

    [Fact]
    public void TryRead_Garbage_ReturnsNullInsteadOfThrowing()
    {
        using var stream = new MemoryStream([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

        Assert.Null(OnnxModelHeader.TryRead(stream));
    }
}
