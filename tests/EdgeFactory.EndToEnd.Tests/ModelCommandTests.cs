using System.Text.Json;
using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

public sealed class ModelCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-model-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Inspect_Json_ListsInputsOutputsOpsetAndMetadata()
    {
        var (code, output, _) = await CliProcess.RunAsync("model", "inspect", TestModels.Generated("policy_mlp_v1.onnx"), "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("obs", root.GetProperty("inputs")[0].GetProperty("name").GetString());
        Assert.Equal("float32[1, 64]", root.GetProperty("inputs")[0].GetProperty("text").GetString());
        Assert.Equal("action", root.GetProperty("outputs")[0].GetProperty("name").GetString());
        Assert.Equal(17, root.GetProperty("model").GetProperty("opsets").GetProperty("").GetInt64());
        Assert.Equal("policy", root.GetProperty("model").GetProperty("custom").GetProperty("edgefactory.role").GetString());
        Assert.Equal(64, root.GetProperty("sha256").GetString()!.Length);
    }

    [Fact]
    public async Task Inspect_Table_ShowsSymbolicDimensions()
    {
        var (code, output, _) = await CliProcess.RunAsync("model", "inspect", TestModels.Generated("dynamic.onnx"));

        Assert.Equal(0, code);
        Assert.Contains("float32[batch, 4]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_Json_ReportsLatencyProviderAndZeroAllocations()
    {
        var (code, output, error) = await CliProcess.RunAsync(
            "model", "bench", TestModels.OcrDirection, "--shape", "x=1x3x48x192", "--ep", "cuda,cpu", "--threads", "1", "--runs", "20", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(20, root.GetProperty("runs").GetInt32());
        Assert.True(root.GetProperty("p50Ms").GetDouble() > 0);
        Assert.True(root.GetProperty("p99Ms").GetDouble() >= root.GetProperty("p50Ms").GetDouble());
        Assert.Equal(0, root.GetProperty("allocatedBytesPerRun").GetDouble());
        Assert.Equal("[1, 3, 48, 192]", root.GetProperty("inputShapes").GetProperty("x").GetString());
        if (root.GetProperty("executionProvider").GetString() == "cpu")
        {
            Assert.StartsWith("cuda:", root.GetProperty("fallbacks")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_NpyInAndOut_MatchesOnnxRuntimeNode()
    {
        var input = Path.Combine(_folder, "obs.npy");
        await File.WriteAllBytesAsync(input, Npy(64, i => (float)Math.Cos(i)));
        var ours = Directory.CreateDirectory(Path.Combine(_folder, "ours")).FullName;
        var theirs = Directory.CreateDirectory(Path.Combine(_folder, "theirs")).FullName;

        var (code, output, error) = await CliProcess.RunAsync("model", "run", TestModels.Generated("policy_mlp_v2.onnx"), "--input", $"obs={input}", "--output", ours, "--threads", "1");
        await NodePeer.RunReferenceAsync(TestModels.Generated("policy_mlp_v2.onnx"), theirs, new Dictionary<string, string> { ["obs"] = input });

        Assert.True(code == 0, error);
        Assert.Contains("action", output, StringComparison.Ordinal);
        var mine = Floats(await File.ReadAllBytesAsync(Path.Combine(ours, "action.npy")));
        var reference = Floats(await File.ReadAllBytesAsync(Path.Combine(theirs, "action.npy")));
        Assert.Equal(12, mine.Length);
        for (var i = 0; i < mine.Length; i++)
        {
            Assert.InRange(Math.Abs(mine[i] - reference[i]), 0, 1e-5);
        }
    }

    [Theory]
    [InlineData("wrong-name", "no input named 'image'")]
    [InlineData("wrong-shape", "expects float32[1, 64]")]
    [InlineData("not-npy", "not a NumPy .npy file")]
    [InlineData("missing-model", "does not exist")]
    [InlineData("corrupt-model", "corrupt.onnx")]
    public async Task Run_BadInput_ExitsTwoWithAnActionableMessage(string kind, string expected)
    {
        var good = Path.Combine(_folder, "obs.npy");
        await File.WriteAllBytesAsync(good, Npy(64, _ => 0));
        var wrongShape = Path.Combine(_folder, "short.npy");
        await File.WriteAllBytesAsync(wrongShape, Npy(10, _ => 0));
        var text = Path.Combine(_folder, "obs.txt");
        await File.WriteAllTextAsync(text, "0.1 0.2 0.3");
        var corrupt = Path.Combine(_folder, "corrupt.onnx");
        await File.WriteAllBytesAsync(corrupt, (await File.ReadAllBytesAsync(TestModels.Generated("policy_mlp_v1.onnx")))[..1000]);
        var model = TestModels.Generated("policy_mlp_v1.onnx");
        string[] args = kind switch
        {
            "wrong-name" => ["model", "run", model, "--input", $"image={good}", "--output", _folder],
            "wrong-shape" => ["model", "run", model, "--input", $"obs={wrongShape}", "--output", _folder],
            "not-npy" => ["model", "run", model, "--input", $"obs={text}", "--output", _folder],
            "missing-model" => ["model", "run", Path.Combine(_folder, "nope.onnx"), "--input", $"obs={good}", "--output", _folder],
            _ => ["model", "inspect", corrupt],
        };

        var (code, _, error) = await CliProcess.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("npy-huge-header", "huge.npy: shape [100000, 100000, 100000] of float32 needs")]
    [InlineData("npy-short-data", "the data is shorter than the header claims: shape [1000, 1000] of float32 needs 4,000,000 bytes, the file holds 4")]
    [InlineData("shape-huge", "more than the 2,147,483,647 a tensor may have")]
    [InlineData("shape-overflow", "more elements than a 64-bit count can hold")]
    [InlineData("model-folder", "is a folder; give the .onnx model file inside it")]
    [InlineData("npy-folder", "is a folder, not an .npy file")]
    [InlineData("warmup-negative", "--warmup must be 0 or more")]
    [InlineData("runs-zero", "--runs must be 1 or more")]
    public async Task HugeOrWrongSizes_ExitTwoBeforeAllocating(string kind, string expected)
    {
        var huge = Path.Combine(_folder, "huge.npy");
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }".PadRight(117) + "\n";
        await File.WriteAllBytesAsync(huge, [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0, .. System.Text.Encoding.Latin1.GetBytes(header), 1, 2, 3, 4]);
        var shortData = Path.Combine(_folder, "short-data.npy");
        var claim = "{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 1000), }".PadRight(117) + "\n";
        await File.WriteAllBytesAsync(shortData, [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)claim.Length, 0, .. System.Text.Encoding.Latin1.GetBytes(claim), 1, 2, 3, 4]);
        var dynamic = TestModels.Generated("dynamic.onnx");
        var input = await OpenInputAsync(dynamic);
        string[] args = kind switch
        {
            "npy-huge-header" => ["model", "run", TestModels.Generated("policy_mlp_v1.onnx"), "--input", $"obs={huge}", "--output", _folder],
            "npy-short-data" => ["model", "run", TestModels.Generated("policy_mlp_v1.onnx"), "--input", $"obs={shortData}", "--output", _folder],
            "shape-huge" => ["model", "bench", dynamic, "--shape", $"{input}=100000x100000", "--runs", "1"],
            "shape-overflow" => ["model", "bench", dynamic, "--shape", $"{input}=4294967296x4294967296", "--runs", "1"],
            "model-folder" => ["model", "inspect", _folder],
            "npy-folder" => ["model", "run", TestModels.Generated("policy_mlp_v1.onnx"), "--input", $"obs={_folder}", "--output", _folder],
            "warmup-negative" => ["model", "bench", dynamic, "--warmup", "-1"],
            _ => ["model", "bench", dynamic, "--runs", "0"],
        };

        var (code, _, error) = await CliProcess.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("OutOfMemory", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_OpenDimensionsWithoutShape_SaysTheyRanAsOne()
    {
        var (code, output, error) = await CliProcess.RunAsync("model", "bench", TestModels.Generated("dynamic.onnx"), "--runs", "3", "--warmup", "0", "--json");

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(output);
        var notes = report.RootElement.GetProperty("openDimensionsAssumed").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.NotEmpty(notes);
        Assert.All(notes, n => Assert.Contains("give --shape", n, StringComparison.Ordinal));
    }

    private static async Task<string> OpenInputAsync(string model)
    {
        var (_, output, _) = await CliProcess.RunAsync("model", "inspect", model, "--json");
        using var inspection = JsonDocument.Parse(output);
        return inspection.RootElement.GetProperty("inputs")[0].GetProperty("name").GetString()!;
    }

    [Fact]
    public async Task Compile_WithoutTensorRt_FailsAtOnceNamingWhatIsMissing()
    {
        var (code, output, error) = await CliProcess.RunAsync("model", "compile", TestModels.Generated("policy_mlp_v1.onnx"), "--ep", "tensorrt", "--out", _folder);

        if (code == 0)
        {
            // TensorRT is installed here: the EP-context model was written.
            Assert.Contains("engine build time", output, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(2, code);
        Assert.Contains("TensorRT cannot build an engine here", error, StringComparison.Ordinal);
        Assert.Contains("Fix:", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    private static byte[] Npy(int count, Func<int, float> value)
    {
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': (1, {count}), }}".PadRight(117) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0]);
        stream.Write(System.Text.Encoding.Latin1.GetBytes(header));
        for (var i = 0; i < count; i++)
        {
            stream.Write(BitConverter.GetBytes(value(i)));
        }

        return stream.ToArray();
    }

    private static float[] Floats(byte[] npy)
    {
        var headerLength = npy[8] | (npy[9] << 8);
        var data = npy.AsSpan(10 + headerLength);
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(data).ToArray();
    }
}
