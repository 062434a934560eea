using System.Collections.Concurrent;
using EdgeFactory.Inference;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Vision;
using EdgeFactory.Vision.Ocr;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Skills.Vision;

/// <summary>
/// The cameras of a site's robots and the OCR models their <c>vision.*</c> skills read labels with: the models load once,
/// when the site starts and before it takes tasks, and every camera shares them, one read at a time. Reads and failures
/// are counted, failures by their stable code.
/// </summary>
public sealed partial class SiteVision : IHostedService, IAsyncDisposable
{
    private readonly OcrOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, RobotCamera> _cameras;
    private readonly SemaphoreSlim _ocrGate = new(1, 1);
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private OcrPipeline? _ocr;
    private long _reads;
    private bool _disposed;

    /// <summary>Prepares the cameras of <paramref name="site"/>'s robots; the models load in <see cref="StartAsync"/>.</summary>
    public SiteVision(SiteDefinition site, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(site);
        _options = site.Settings.Vision ?? throw new ArgumentException($"Site {site.SiteId} has no robot with a camera.", nameof(site));
        _time = time;
        _logger = loggers.CreateLogger<SiteVision>();
        _cameras = site.Robots.Where(r => r.Camera is not null).ToDictionary(r => r.RobotId, r => new RobotCamera(r.Camera!, time), StringComparer.Ordinal);
    }

    /// <summary>Frames read to the end of OCR.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Skill attempts that failed with <paramref name="code"/> (e.g. <c>camera_lost</c>).</summary>
    public long Failures(string code) => _failures.GetValueOrDefault(code);

    /// <summary>Whether robot <paramref name="robotId"/> has a camera.</summary>
    public bool HasCamera(string robotId) => _cameras.ContainsKey(robotId);

    /// <summary>Loads the OCR models; throws (and the edge does not start) when they cannot be loaded.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        _ocr ??= await Task.Run(() => OcrPipeline.Create(_options, _time), cancellationToken).ConfigureAwait(false);
        Loaded(_logger, Path.GetFileName(_options.DetectionModel), Path.GetFileName(_options.RecognitionModel), _cameras.Count, _time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Nothing to stop: the cameras close when the site is disposed, after its robots stopped.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Captures a frame of <paramref name="context"/>'s robot showing <paramref name="part"/> and reads its text.</summary>
    /// <exception cref="VisionException">The camera could not be opened or was lost.</exception>
    internal async ValueTask<LabelReading> ReadAsync(SkillContext context, string? part, CancellationToken cancellationToken)
    {
        var camera = _cameras[context.RobotId];
        var ocr = _ocr ?? throw new InvalidOperationException("The site's vision has not started.");
        await camera.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var frame = await camera.CaptureAsync(context.TaskId, part, cancellationToken).ConfigureAwait(false);
            await _ocrGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // OCR takes tens of milliseconds of CPU: off the caller's thread, and cancelled with the attempt.
                var result = await Task.Run(() => ocr.Read(frame.Image, cancellationToken), cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _reads);
                return new LabelReading(result.Lines, frame.Image.Width, frame.Image.Height, frame.Sequence);
            }
            finally
            {
                _ocrGate.Release();
            }
        }
        finally
        {
            camera.Gate.Release();
        }
    }

    /// <summary>Reads the labels in view for a skill's attempt; a camera or model failure comes back as the attempt's result instead.</summary>
    internal async ValueTask<(LabelReading? Reading, SkillResult Failure)> ReadForAsync(SkillContext context, string? part, CancellationToken cancellationToken)
    {
        try
        {
            return (await ReadAsync(context, part, cancellationToken).ConfigureAwait(false), default);
        }
        catch (Exception e) when (e is VisionException or OnnxRuntimeException)
        {
            return (null, Fail(context, e));
        }
    }

    /// <summary>A failed attempt of a vision skill: counted under its stable code, logged, and reported as <c>skill: code: reason</c>.</summary>
    internal SkillResult Fail(SkillContext context, Exception error)
    {
        var code = error switch
        {
            VisionException v => VisionCodes.Of(v.Code),
            OnnxRuntimeException => VisionCodes.InferenceFailed,
            _ => VisionCodes.Failed,
        };
        _failures.AddOrUpdate(code, 1, static (_, n) => n + 1);
        Failed(_logger, context.RobotId, context.TaskId, context.Skill, code, error.Message);
        return SkillResult.Fail($"{context.Skill}: {code}: {error.Message}");
    }

    /// <summary>The camera of <paramref name="robotId"/> (its definition: size, scale).</summary>
    internal CameraDefinition Camera(string robotId) => _cameras[robotId].Definition;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var camera in _cameras.Values)
        {
            await camera.DisposeAsync().ConfigureAwait(false);
        }

        _ocr?.Dispose();
        _ocrGate.Dispose();
    }

    [LoggerMessage(EventId = 7300, Level = LogLevel.Information, Message = "Vision: OCR models {Detection} and {Recognition} loaded for {Cameras} camera(s) in {Milliseconds:F0} ms")]
    private static partial void Loaded(ILogger logger, string detection, string recognition, int cameras, double milliseconds);

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Robot {Robot}, task {Task}: {Skill} failed with {Code}: {Reason}")]
    private static partial void Failed(ILogger logger, string robot, string task, string skill, string code, string reason);
}
