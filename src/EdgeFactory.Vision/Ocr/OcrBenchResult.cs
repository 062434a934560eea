using EdgeFactory.Inference.Benchmarking;

namespace EdgeFactory.Vision.Ocr;

/// <summary>What <see cref="OcrBenchmark.Measure"/> found.</summary>
/// <param name="Latency">End-to-end time per image (decoded image → text).</param>
/// <param name="ImagesPerSecond">Images read per second over the timed rounds.</param>
/// <param name="Stages">Median time and mean managed bytes per image of each stage.</param>
/// <param name="Lines">What the last round read from each image, in image order.</param>
public sealed record OcrBenchResult(LatencySample Latency, double ImagesPerSecond, IReadOnlyList<OcrStageFigure> Stages, IReadOnlyList<IReadOnlyList<OcrLine>> Lines);
