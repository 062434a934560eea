using EdgeFactory.Inference;
using EdgeFactory.Testing;
using EdgeFactory.Vision.Ocr;

namespace EdgeFactory.Vision.Tests.Ocr;

/// <summary>One PP-OCRv4 pipeline (real models, real ONNX Runtime) shared by the tests of a class.</summary>
public sealed class OcrFixture : IDisposable
{
    public static OcrOptions Options { get; } = OcrOptions.PpOcrV4(TestModels.OcrFolder) with
    {
        Session = new InferenceSessionOptions { IntraOpThreads = 1 },
    };

    public OcrPipeline Pipeline { get; } = OcrPipeline.Create(Options);

    public void Dispose() => Pipeline.Dispose();
}
