using EdgeFactory.Inference;
using EdgeFactory.Vision.Preprocessing;

namespace EdgeFactory.Vision.Ocr;

/// <summary>A pinned input buffer, the tensor over it and a runner it is bound to: written by the preprocessor, run without a copy.</summary>
internal sealed class BoundTensor : IDisposable
{
    private BoundTensor(TensorBuffer buffer, NativeTensor tensor, InferenceRunner runner)
    {
        Buffer = buffer;
        Tensor = tensor;
        Runner = runner;
    }

    public TensorBuffer Buffer { get; }

    public NativeTensor Tensor { get; }

    public InferenceRunner Runner { get; }

    public static BoundTensor Create(InferenceSession session, string input, int channels, int height, int width)
    {
        var buffer = new TensorBuffer(channels, height, width);
        var tensor = NativeTensor.Over(buffer.Memory, buffer.Shape);
        try
        {
            var runner = session.CreateRunner(new Dictionary<string, long[]> { [input] = buffer.Shape.ToArray() });
            runner.BindInput(input, tensor);
            return new BoundTensor(buffer, tensor, runner);
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Runner.Dispose();
        Tensor.Dispose();
    }
}
