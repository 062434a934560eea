using EdgeFactory.Testing;

namespace EdgeFactory.Inference.Tests;

public sealed class OnnxRuntimeLocatorTests
{
    [Fact]
    public void Locate_AfterMakeDeps_FindsTheRepositoryCopy()
    {
        var path = OnnxRuntimeLocator.Locate();

        Assert.Equal(RepositoryPaths.Of("native", OnnxRuntimeLocator.RuntimeIdentifier, "libonnxruntime.so.1"), path);
    }

    [Fact]
    public void Load_ReportsThePinnedVersion()
    {
        var (_, version) = OnnxRuntimeInfo.Load();

        Assert.Equal("1.30.0", version);
    }

    [Fact]
    public void Locate_ConfiguredPathMissing_ThrowsLibraryNotFoundWithTheFix()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntimeLocator.Locate("/nonexistent/libonnxruntime.so.1"));

        Assert.Equal(OrtErrorCode.LibraryNotFound, error.Code);
        Assert.Contains("make deps", error.Message, StringComparison.Ordinal);
    }
}
