using EdgeFactory.Runtime.Hosting;

namespace EdgeFactory.Runtime.Tests.Hosting;

public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ef-lock-{Guid.NewGuid():N}");

    [Fact]
    public void Acquire_DirectoryHeld_ThrowsNamingTheDirectoryAndTheHolder()
    {
        using var first = DataDirectoryLock.Acquire(_folder, "s1", TimeProvider.System);

        var error = Assert.Throws<DataDirectoryInUseException>(() => DataDirectoryLock.Acquire(_folder, "s1", TimeProvider.System));

        Assert.Equal(Path.GetFullPath(_folder), error.Directory);
        Assert.Contains($"process {Environment.ProcessId}", error.Owner, StringComparison.Ordinal);
        Assert.Contains("site s1", error.Owner, StringComparison.Ordinal);
        Assert.Contains(_folder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_AfterTheHolderReleased_Succeeds()
    {
        DataDirectoryLock.Acquire(_folder, "s1", TimeProvider.System).Dispose();

        using var second = DataDirectoryLock.Acquire(_folder, "s1", TimeProvider.System);

        Assert.Equal(Path.GetFullPath(_folder), second.Directory);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
