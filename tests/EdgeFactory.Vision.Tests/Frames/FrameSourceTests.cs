using EdgeFactory.Testing;
using EdgeFactory.Vision.Frames;
using Microsoft.Extensions.Time.Testing;
using OpenCvSharp;

namespace EdgeFactory.Vision.Tests.Frames;

public sealed class FrameSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-frames-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ImageFolder_DeliversImagesInNameOrderWithSequenceAndTime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var source = new ImageFolderSource(VisionData.Folder, time: time);
        using var frame = new Frame();

        Assert.True(source.TryRead(frame));

        Assert.Equal(1, frame.Sequence);
        Assert.Equal(time.GetUtcNow(), frame.Timestamp);
        Assert.Equal(new Size(480, 320), frame.Size);
        Assert.EndsWith("blurred-00.png", source.Files[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ImageFolder_Recording_EndsAfterTheLastImage()
    {
        File.Copy(VisionData.Images[0].Path, Path.Combine(_folder, "a.png"));
        using var source = new ImageFolderSource(_folder);
        using var frame = new Frame();

        Assert.True(source.TryRead(frame));
        Assert.False(source.TryRead(frame));
    }

    [Fact]
    public async Task Grabber_LiveFolderDisappearsMidRun_ConsumerGetsCameraLost()
    {
        File.Copy(VisionData.Images[0].Path, Path.Combine(_folder, "a.png"));
        File.Copy(VisionData.Images[1].Path, Path.Combine(_folder, "b.png"));
        using var source = new ImageFolderSource(_folder, loop: true);
        await using var grabber = new FrameGrabber(source, maxFramesPerSecond: 200);

        var first = await grabber.NextAsync(CancellationToken.None);
        Assert.NotNull(first);
        foreach (var file in Directory.GetFiles(_folder))
        {
            File.Delete(file);
        }

        var e = await Assert.ThrowsAsync<VisionException>(async () =>
        {
            while (true)
            {
                _ = await grabber.NextAsync(CancellationToken.None);
            }
        });
        Assert.Equal(VisionErrorCode.CameraLost, e.Code);
    }

    [Fact]
    public async Task Grabber_StreamThatStopsDelivering_IsCameraLost()
    {
        var video = Path.Combine(_folder, "line.avi");
        using (var writer = new VideoWriter(video, FourCC.MJPG, 10, new Size(320, 240)))
        {
            Assert.True(writer.IsOpened());
            using var image = new Mat(240, 320, MatType.CV_8UC3, Scalar.All(90));
            for (var i = 0; i < 5; i++)
            {
                writer.Write(image);
            }
        }

        // Opened as live, as an RTSP camera would be: the end of frames is a lost camera, not the end of a recording.
        using var source = VideoCaptureSource.Open(video, live: true);
        await using var grabber = new FrameGrabber(source);
        var frames = 0;

        var e = await Assert.ThrowsAsync<VisionException>(async () =>
        {
            while (await grabber.NextAsync(CancellationToken.None) is not null)
            {
                frames++;
            }
        });

        Assert.Equal(VisionErrorCode.CameraLost, e.Code);
        Assert.InRange(frames, 1, 5);
        Assert.Equal(5, grabber.Published);
    }

    [Fact]
    public void VideoCapture_NoSuchDevice_IsCameraUnavailable()
    {
        var e = Assert.Throws<VisionException>(() => VideoCaptureSource.Open("/dev/video97"));

        Assert.Equal(VisionErrorCode.CameraUnavailable, e.Code);
    }

    [Fact]
    public void ImageFolder_NoSuchFolder_IsCameraUnavailable()
    {
        var e = Assert.Throws<VisionException>(() => new ImageFolderSource(Path.Combine(_folder, "missing")));

        Assert.Equal(VisionErrorCode.CameraUnavailable, e.Code);
    }

    [Fact]
    public void Synthetic_SameSeed_SameFrames()
    {
        var options = new SyntheticCameraOptions { Labels = ["PN-4821-A7", "PN-5530-K2"], Noise = 6, Blur = 0.8, MaxRotationDegrees = 8, LightingVariation = 0.2, Seed = 7 };
        using var a = new SyntheticCamera(options);
        using var b = new SyntheticCamera(options);
        using var fa = new Frame();
        using var fb = new Frame();

        for (var i = 0; i < 3; i++)
        {
            Assert.True(a.TryRead(fa));
            Assert.True(b.TryRead(fb));
            Assert.Equal(0, Cv2.Norm(fa.Image, fb.Image, NormTypes.L1));
        }

        Assert.Equal(3, fa.Sequence);
    }

    [Fact]
    public void Synthetic_Show_PutsPartsWithTheNewLabelsInTheTray()
    {
        using var camera = new SyntheticCamera(new SyntheticCameraOptions { Width = 320, Height = 240, Labels = ["PN-4821-A7"] });
        using var before = new Frame();
        using var after = new Frame();
        Assert.True(camera.TryRead(before));

        camera.Show(["PN-5530-K2", "PN-7709Y-C4"]);
        Assert.True(camera.TryRead(after));

        Assert.Equal(2, camera.LabelRegions.Count);
        Assert.NotEqual(0, Cv2.Norm(before.Image, after.Image, NormTypes.L1));
        Assert.Equal(2, after.Sequence);
        Assert.Throws<ArgumentException>(() => camera.Show([]));
    }
}
