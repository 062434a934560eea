namespace EdgeFactory.Cli.Commands;

/// <summary>The one exit-code convention of every <c>edgefactory</c> command, so scripts and systemd can tell outcomes apart.</summary>
internal static class ExitCodes
{
    /// <summary>Did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Ran, and the operation's own outcome was negative: a task failed or was rejected, a check failed, tasks were lost.</summary>
    public const int NegativeOutcome = 1;

    /// <summary>Usage or input error: unknown option, bad value, unreadable file, broker refused the credentials.</summary>
    public const int UsageError = 2;

    /// <summary>Gave up waiting: no final status, no robots on the broker within the time given.</summary>
    public const int Timeout = 3;

    /// <summary>The convention in words, for <c>--help</c>.</summary>
    public const string Described = "Exit codes: 0 success; 1 the operation's own negative outcome (task failed or rejected, check failed, tasks lost); 2 usage or input error; 3 timed out.";
}
