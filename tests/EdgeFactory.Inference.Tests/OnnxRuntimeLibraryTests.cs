namespace EdgeFactory.Inference.Tests;

public sealed class OnnxRuntimeLibraryTests
{
    [Fact]
    public void Load_WithoutAPath_UsesThePackagesLibraryAndReportsItsVersion()
    {
        var (path, version) = OnnxRuntimeInfo.Load();

        Assert.Equal("1.31.1", version);
        Assert.Contains("libonnxruntime.so", path, StringComparison.Ordinal);
        Assert.True(File.Exists(path), path);
        Assert.False(OnnxRuntimeLibrary.IsConfigured);
        Assert.Equal("1.31", OnnxRuntimeLibrary.RequiredVersion);
    }

    [Fact]
    public void Load_AnotherPathAfterTheFirstModel_IsRefusedSayingWhy()
    {
        _ = OnnxRuntimeInfo.Load();

        var e = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntimeLibrary.Load("/opt/other/libonnxruntime.so"));

        Assert.Contains("already loaded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PathThatDoesNotExist_IsLibraryNotFoundWithTheFix()
    {
        var e = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntimeLibrary.Open("/nonexistent/libonnxruntime.so"));

        Assert.Equal(OrtErrorCode.LibraryNotFound, e.Code);
        Assert.Contains("/nonexistent/libonnxruntime.so does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains(OnnxRuntimeLibrary.EnvironmentVariable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ALibraryThatIsNotOnnxRuntime_IsNotOnnxRuntimeWithTheFix()
    {
        var other = new[] { "/usr/lib/x86_64-linux-gnu/libmosquitto.so.1", "/usr/lib/aarch64-linux-gnu/libmosquitto.so.1" }.First(File.Exists);

        var e = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntimeLibrary.Open(other));

        Assert.Equal(OrtErrorCode.NotOnnxRuntime, e.Code);
        Assert.Contains("is not ONNX Runtime", e.Message, StringComparison.Ordinal);
        Assert.Contains("Fix:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AFileThatIsNoLibrary_IsLibraryNotFoundWithTheLoadersReason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-library-{Guid.NewGuid():N}.so");
        File.WriteAllText(path, "not an ELF file");
        try
        {
            var e = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntimeLibrary.Open(path));

            Assert.Equal(OrtErrorCode.LibraryNotFound, e.Code);
            Assert.Contains("could not be loaded", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
