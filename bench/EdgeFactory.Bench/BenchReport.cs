using System.Globalization;
using System.Text.Json;

namespace EdgeFactory.Bench;

/// <summary>Collects figures, prints them as a table and writes them as JSON lines.</summary>
internal sealed class BenchReport(string bench)
{
    private readonly List<BenchFigure> _figures = [];

    public void Add(string @case, string metric, string unit, double ours, double? peer = null) =>
        _figures.Add(new BenchFigure(bench, @case, metric, unit, Math.Round(ours, 3), peer is null ? null : Math.Round(peer.Value, 3), peer is > 0 ? Math.Round(ours / peer.Value, 3) : null));

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"{"case",-26} {"metric",-16} {"unit",-7} {"ours",12} {"peer",12} {"ours/peer",10}");
        Console.WriteLine(new string('-', 88));
        foreach (var f in _figures)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{f.Case,-26} {f.Metric,-16} {f.Unit,-7} {f.Ours,12:0.###} {(f.Peer is { } p ? p.ToString("0.###", CultureInfo.InvariantCulture) : "-"),12} {(f.Ratio is { } r ? r.ToString("0.###", CultureInfo.InvariantCulture) : "-"),10}"));
        }
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, _figures.Select(f => JsonSerializer.Serialize(f, BenchJsonContext.Default.BenchFigure)));
        Console.WriteLine($"\nwrote {path}");
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
