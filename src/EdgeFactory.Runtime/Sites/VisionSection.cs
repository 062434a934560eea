using EdgeFactory.Inference;
using EdgeFactory.Runtime.Yaml;
using EdgeFactory.Vision.Ocr;
using YamlDotNet.Core;

namespace EdgeFactory.Runtime.Sites;

/// <summary>
/// Reads a site file's <c>vision:</c>: the PP-OCR models its cameras' skills read labels with and their threads. By default
/// they are the pinned models under <c>models/ppocr</c> beside the <c>robots/</c> folder the kinds come from
/// (<c>../../models/ppocr</c> from the kinds folder); paths given are relative to the site file. The files must exist
/// when a robot has a camera.
/// </summary>
internal static class VisionSection
{
    /// <summary>
    /// The OCR settings, or null when no robot has a camera (<paramref name="cameraRobot"/> is the first that has one);
    /// <paramref name="kinds"/> is the full path of the site's kinds folder.
    /// </summary>
    public static OcrOptions? Parse(YamlMap root, YamlMap? cameraRobot, string kinds)
    {
        var vision = root.OptionalMap("vision");
        var folder = Path.GetDirectoryName(root.File) ?? ".";
        var models = vision?.OptionalString("models") is { } given
            ? Path.GetFullPath(Path.Combine(folder, given))
            : Path.GetFullPath(Path.Combine(kinds, "..", "..", "models", "ppocr"));
        var pinned = OcrOptions.PpOcrV4(models, classify: true);
        var fallback = cameraRobot is null ? root.Start : cameraRobot.MarkOf("camera");
        var detection = Model(vision, "det", pinned.DetectionModel, folder, fallback);
        var recognition = Model(vision, "rec", pinned.RecognitionModel, folder, fallback);
        var characters = Model(vision, "characters", pinned.CharacterList, folder, fallback);
        (string Path, Mark At)? classifier = vision?.StringWithMark("cls") switch
        {
            null or ("false", _) => null,
            ("true", var at) => (pinned.ClassifierModel!, at),
            var (path, at) => (Path.GetFullPath(Path.Combine(folder, path)), at),
        };
        var threads = vision?.OptionalInt("threads", 0, 64) ?? 1;
        var confidence = vision?.OptionalNumber("min_confidence") ?? 0.5;
        if (confidence is < 0 or > 1)
        {
            throw vision!.Error(vision.MarkOf("min_confidence"), "'min_confidence' must be from 0 to 1");
        }

        vision?.RejectUnknownKeys();
        if (cameraRobot is null)
        {
            return null;
        }

        foreach (var (path, at) in new[] { detection, recognition, characters }.Append(classifier ?? detection))
        {
            if (!File.Exists(path))
            {
                throw root.Error(at, $"the OCR file '{path}' that robot cameras read labels with does not exist; `make deps` installs the pinned models under models/ppocr, or name others under 'vision:'");
            }
        }

        return new OcrOptions
        {
            DetectionModel = detection.Path,
            RecognitionModel = recognition.Path,
            CharacterList = characters.Path,
            ClassifierModel = classifier?.Path,
            MinConfidence = (float)confidence,
            Session = new InferenceSessionOptions { IntraOpThreads = threads },
        };
    }

    // A file named under 'vision:' is reported where it is named; one taken from the models folder where the folder is
    // named, or else at the first camera (the reason the models are needed).
    private static (string Path, Mark At) Model(YamlMap? vision, string key, string pinned, string folder, Mark fallback)
    {
        if (vision?.StringWithMark(key) is var (path, at))
        {
            return (Path.GetFullPath(Path.Combine(folder, path)), at);
        }

        return (pinned, vision is not null && vision.Has("models") ? vision.MarkOf("models") : fallback);
    }
}
