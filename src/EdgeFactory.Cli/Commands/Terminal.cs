namespace EdgeFactory.Cli.Commands;

/// <summary>Whether output may carry colour codes: only for a terminal, and never when <c>NO_COLOR</c> is set (no-color.org).</summary>
internal static class Terminal
{
    public static bool Colours(bool redirected) =>
        !redirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
