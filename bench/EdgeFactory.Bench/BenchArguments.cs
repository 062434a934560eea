using System.Globalization;

namespace EdgeFactory.Bench;

/// <summary>Reads the <c>--name N</c> options the benchmarks take from <c>BENCH_ARGS</c>.</summary>
internal static class BenchArguments
{
    public static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
