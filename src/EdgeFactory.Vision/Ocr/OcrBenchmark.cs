using EdgeFactory.Inference.Benchmarking;
using OpenCvSharp;

namespace EdgeFactory.Vision.Ocr;

/// <summary>Times a pipeline over decoded images: end-to-end latency per image, images per second, and per-stage medians and managed bytes.</summary>
public static class OcrBenchmark
{
    /// <summary>Reads every image of <paramref name="images"/> <paramref name="rounds"/> times after <paramref name="warmup"/> untimed rounds.</summary>
    public static OcrBenchResult Measure(OcrPipeline pipeline, IReadOnlyList<Mat> images, int rounds, int warmup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        if (images.Count == 0)
        {
            throw new VisionException(VisionErrorCode.UnreadableImage, "No images to benchmark.");
        }

        for (var r = 0; r < warmup; r++)
        {
            foreach (var image in images)
            {
                pipeline.Read(image, cancellationToken);
            }
        }

        var count = rounds * images.Count;
        var latency = new double[count];
        var stageMs = new double[OcrStageMeasures.Stages][];
        var stageBytes = new long[OcrStageMeasures.Stages];
        for (var s = 0; s < OcrStageMeasures.Stages; s++)
        {
            stageMs[s] = new double[count];
        }

        var last = new List<IReadOnlyList<OcrLine>>(images.Count);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var i = 0;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var image in images)
            {
                var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                var result = pipeline.Read(image, cancellationToken);
                latency[i] = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                for (var s = 0; s < OcrStageMeasures.Stages; s++)
                {
                    stageMs[s][i] = result.Stages.Milliseconds((OcrStage)s);
                    stageBytes[s] += result.Stages.Bytes((OcrStage)s);
                }

                if (r == rounds - 1)
                {
                    last.Add(result.Lines);
                }

                i++;
            }
        }

        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        var stages = Enum.GetValues<OcrStage>().Select(s => new OcrStageFigure(s, LatencySample.Of(stageMs[(int)s]).P50Ms, stageBytes[(int)s] / (double)count)).ToArray();
        return new OcrBenchResult(LatencySample.Of(latency), count / seconds, stages, last);
    }
}
