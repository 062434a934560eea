namespace EdgeFactory.EndToEnd.Tests;

/// <summary>A running <c>edgefactory factory run</c> child process and the address it serves on.</summary>
internal sealed record FactoryProcess(CliProcess Process, Uri Address) : IAsyncDisposable
{
    /// <summary>SIGKILL.</summary>
    public Task KillAsync() => Process.KillAsync();

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
