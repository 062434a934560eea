using EdgeFactory.Inference.Npy;
using EdgeFactory.Testing;

namespace EdgeFactory.Inference.Tests;

/// <summary>Outputs equal onnxruntime-node 1.30.0's on the same inputs, produced in this test run.</summary>
public sealed class ReferenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-reference-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, long[]> Models => new()
    {
        { "det", [1, 3, 640, 640] },
        { "cls", [1, 3, 48, 192] },
        { "rec", [1, 3, 48, 320] },
        { "policy", [1, 64] },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Outputs_MatchOnnxRuntimeNode_Within1e5(string model, long[] shape)
    {
        var path = model switch
        {
            "det" => TestModels.OcrDetection,
            "cls" => TestModels.OcrDirection,
            "rec" => RepositoryPaths.Of("models", "ppocr", "ch_PP-OCRv4_rec_infer.onnx"),
            _ => TestModels.Generated("policy_mlp_v1.onnx"),
        };
        using var session = InferenceSession.Load(path, new InferenceSessionOptions { IntraOpThreads = 1 });
        var inputName = session.Signature.Inputs[0].Name;
        using var input = NativeTensor.Allocate(TensorElementType.Float32, shape);
        Patterns.Fill(input.AsSpan<float>(), seed: 3);
        var inputPath = Path.Combine(_folder, "input.npy");
        NpyFile.Write(inputPath, input);

        await NodePeer.RunReferenceAsync(path, _folder, new Dictionary<string, string> { [inputName] = inputPath });
        var ours = session.Run(new Dictionary<string, NativeTensor> { [inputName] = input });

        foreach (var (name, tensor) in ours)
        {
            using var mine = tensor;
            using var theirs = NpyFile.Read(Path.Combine(_folder, $"{name}.npy"));
            Assert.Equal(theirs.Shape.ToArray(), mine.Shape.ToArray());
            var a = mine.AsSpan<float>();
            var b = theirs.AsSpan<float>();
            var worst = 0.0;
            for (var i = 0; i < a.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
            }

            Assert.True(worst <= 1e-5, $"{model}/{name}: largest difference {worst:E2} over {a.Length} elements");
        }
    }
}
