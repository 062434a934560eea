using System.Runtime.InteropServices;

namespace EdgeFactory.Cli.Native;

/// <summary>Sends POSIX signals; .NET can only SIGKILL a child, and a clean stop needs SIGTERM.</summary>
internal static partial class Signals
{
    public const int Terminate = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Asks process <paramref name="pid"/> to stop cleanly; false when it no longer exists.</summary>
    public static bool SendTerminate(int pid) => Kill(pid, Terminate) == 0;
}
