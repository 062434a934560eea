namespace EdgeFactory.Vision.Ocr;

/// <summary>The stages of reading an image, in order.</summary>
public enum OcrStage
{
    /// <summary>Letterbox, normalise and write the detection tensor.</summary>
    Preprocess,

    /// <summary>Run the detection model.</summary>
    Detection,

    /// <summary>DB post-processing and cropping each box.</summary>
    PostProcess,

    /// <summary>Direction classification of each crop (when configured).</summary>
    Classification,

    /// <summary>Preprocess, run and decode each crop with the recognition model.</summary>
    Recognition,
}
