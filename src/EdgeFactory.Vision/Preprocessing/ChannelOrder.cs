namespace EdgeFactory.Vision.Preprocessing;

/// <summary>The channel order a model was trained on; frames arrive as OpenCV's BGR.</summary>
public enum ChannelOrder
{
    /// <summary>Blue, green, red planes (OpenCV's order; PP-OCR models).</summary>
    Bgr,

    /// <summary>Red, green, blue planes (most ImageNet-style models); converted while the tensor is written.</summary>
    Rgb,
}
