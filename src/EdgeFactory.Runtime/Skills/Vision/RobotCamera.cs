using EdgeFactory.Runtime.Sites;
using EdgeFactory.Vision;
using EdgeFactory.Vision.Frames;
using OpenCvSharp;

namespace EdgeFactory.Runtime.Skills.Vision;

/// <summary>
/// One robot's camera. Its source opens at the first capture and again at the next capture after it was lost. A synthetic
/// camera shows the part the task names, mislabelled at the camera's rate (decided once per task, so a retry sees the same
/// part). Streams are read on a loop of their own and give the newest frame; other sources give one frame per capture.
/// One capture at a time (<see cref="Gate"/>); the frame is valid until the next.
/// </summary>
internal sealed class RobotCamera(CameraDefinition definition, TimeProvider time) : IAsyncDisposable
{
    private readonly Frame _frame = new();
    private readonly Random _random = new(definition.Synthetic.Seed);
    private IFrameSource? _source;
    private FrameGrabber? _grabber;
    private string? _task;
    private string? _shown;

    /// <summary>Held for a capture and the read of its frame.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The camera as the site file describes it.</summary>
    public CameraDefinition Definition => definition;

    /// <summary>The next frame for task <paramref name="taskId"/> about part <paramref name="part"/>.</summary>
    /// <exception cref="VisionException"><see cref="VisionErrorCode.CameraUnavailable"/> or <see cref="VisionErrorCode.CameraLost"/>.</exception>
    public async ValueTask<Frame> CaptureAsync(string taskId, string? part, CancellationToken cancellationToken)
    {
        try
        {
            if (definition.Streams)
            {
                if (_grabber is null)
                {
                    _source = Open();
                    _grabber = new FrameGrabber(_source, time: time);
                    _grabber.Start();
                }

                return await _grabber.NextAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new VisionException(VisionErrorCode.CameraLost, $"{_source!.Name}: the stream ended.");
            }

            _source ??= Open();
            if (_source is SyntheticCamera synthetic)
            {
                Show(synthetic, taskId, part);
            }

            if (!_source.TryRead(_frame))
            {
                // A recording ended: start it again.
                _source.Dispose();
                _source = Open();
                if (!_source.TryRead(_frame))
                {
                    throw new VisionException(VisionErrorCode.CameraLost, $"{_source.Name}: the recording has no frames.");
                }
            }

            return _frame;
        }
        catch (VisionException e) when (e.Code == VisionErrorCode.CameraLost)
        {
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
        catch (OpenCVException e)
        {
            var name = _source?.Name ?? definition.Location ?? "camera";
            await CloseAsync().ConfigureAwait(false);
            throw new VisionException(VisionErrorCode.CameraLost, $"{name}: OpenCV failed while reading a frame: {e.Message}", e);
        }
    }

    private IFrameSource Open() => definition.Source switch
    {
        CameraSource.Synthetic => new SyntheticCamera(definition.Synthetic, time),
        CameraSource.Folder => new ImageFolderSource(definition.Location!, loop: true, time),
        CameraSource.File => VideoCaptureSource.Open(definition.Location!, definition.Live, time),
        _ => VideoCaptureSource.Open(definition.Location!, live: true, time),
    };

    private void Show(SyntheticCamera camera, string taskId, string? part)
    {
        if (_task == taskId)
        {
            return;
        }

        _task = taskId;
        var label = definition.Label ?? part ?? definition.Synthetic.Labels[0];
        if (definition.MislabelRate > 0 && _random.NextDouble() < definition.MislabelRate)
        {
            label = PartLabels.Mislabel(label, _random);
        }

        if (label != _shown)
        {
            camera.Show([label]);
            _shown = label;
        }
    }

    private async ValueTask CloseAsync()
    {
        if (_grabber is not null)
        {
            await _grabber.DisposeAsync().ConfigureAwait(false);
            _grabber = null;
        }

        _source?.Dispose();
        _source = null;
        _shown = null;
        _task = null;
    }

    /// <summary>Closes the source and frees the frame.</summary>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        _frame.Dispose();
        Gate.Dispose();
    }
}
