using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace EdgeFactory.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster (Debian's <c>postgresql</c>): <c>initdb</c> into a temporary folder, <c>pg_ctl</c> on a
/// free loopback port with trust authentication, stopped and deleted afterwards. PostgreSQL refuses to run as root, so
/// as root it runs as the <c>postgres</c> system user.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("ef-pg-").FullName;
    private string? _binaries;

    /// <summary>Whether the cluster flushes its commits to disk (<c>fsync=on</c>, as deployed); off by default, as tests need no durability across a power cut.</summary>
    public bool Durable { get; init; }

    /// <summary>Process id of the cluster's postmaster (the parent of every backend), once started.</summary>
    public int ServerProcessId => int.Parse(File.ReadLines(Path.Combine(_root, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Loopback port of the cluster.</summary>
    public int Port { get; private set; }

    /// <summary>A <c>postgres://</c> URL of a fresh database on the cluster.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await RunAsync(Path.Combine(_binaries!, "psql"), "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres", "-c", $"CREATE DATABASE {name}");
        return $"postgres://postgres@127.0.0.1:{Port}/{name}";
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (_binaries is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb); run 'make deps'.");
        }

        // Reachable by the postgres user when the tests run as root.
        File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        Port = FreePort();
        var data = Path.Combine(_root, "data");
        await RunAsync(Path.Combine(_binaries, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        await RunAsync(Path.Combine(_binaries, "pg_ctl"), "-D", data, "-l", Path.Combine(_root, "log"), "-w", "-t", "60", "start",
            "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync={(Durable ? "on" : "off")}");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_binaries is not null)
        {
            await RunAsync(Path.Combine(_binaries, "pg_ctl"), "-D", Path.Combine(_root, "data"), "-w", "-m", "immediate", "stop");
        }

        Directory.Delete(_root, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited {process.ExitCode}: {await error}{await output}");
        }
    }
}
