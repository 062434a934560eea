using System.Globalization;

namespace EdgeFactory.Bench;

/// <summary>
/// CPU seconds a process tree has used so far, from <c>/proc</c>: the process itself, the children it has reaped, and
/// the children still running (PostgreSQL's backends, Mosquitto under its shell). Zero where <c>/proc</c> is missing.
/// </summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds of <paramref name="pid"/> with its reaped children and its live children and grandchildren.</summary>
    public static double Seconds(int pid)
    {
        var stats = Stats();
        return Seconds(stats, pid, includeReaped: true, depth: 0);
    }

    /// <summary>Process id of the first process whose command line contains <paramref name="text"/>, or 0.</summary>
    public static int Find(string name, string text)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "comm")).Trim() == name && File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(text, StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return 0;
    }

    private static double Seconds(Dictionary<int, (int Parent, long Own, long Reaped)> stats, int pid, bool includeReaped, int depth)
    {
        if (!stats.TryGetValue(pid, out var stat) || depth > 3)
        {
            return 0;
        }

        var ticks = stat.Own + (includeReaped ? stat.Reaped : 0);
        var seconds = ticks / TicksPerSecond;
        foreach (var (child, childStat) in stats)
        {
            if (childStat.Parent == pid)
            {
                seconds += Seconds(stats, child, includeReaped, depth + 1);
            }
        }

        return seconds;
    }

    // pid → (parent, utime + stime, cutime + cstime), in clock ticks.
    private static Dictionary<int, (int Parent, long Own, long Reaped)> Stats()
    {
        var stats = new Dictionary<int, (int, long, long)>();
        if (!Directory.Exists("/proc"))
        {
            return stats;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var text = File.ReadAllText(Path.Combine(directory, "stat"));

                // Fields after the command name in parentheses: state, ppid, ... utime (14), stime, cutime, cstime.
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
                stats[pid] = ((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        return stats;
    }
}
