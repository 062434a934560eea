namespace EdgeFactory.Vision.Ocr;

/// <summary>Time and managed bytes of each <see cref="OcrStage"/> of one read.</summary>
public sealed class OcrStageMeasures
{
    private readonly double[] _milliseconds = new double[Stages];
    private readonly long[] _bytes = new long[Stages];

    /// <summary>Number of stages.</summary>
    public const int Stages = 5;

    /// <summary>Milliseconds spent in <paramref name="stage"/>.</summary>
    public double Milliseconds(OcrStage stage) => _milliseconds[(int)stage];

    /// <summary>Managed bytes the reading thread allocated in <paramref name="stage"/>.</summary>
    public long Bytes(OcrStage stage) => _bytes[(int)stage];

    /// <summary>Milliseconds of all stages.</summary>
    public double TotalMilliseconds => _milliseconds.Sum();

    internal void Add(OcrStage stage, TimeSpan elapsed, long bytes)
    {
        _milliseconds[(int)stage] += elapsed.TotalMilliseconds;
        _bytes[(int)stage] += bytes;
    }
}
