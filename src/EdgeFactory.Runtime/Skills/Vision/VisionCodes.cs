using System.Text;
using EdgeFactory.Vision;

namespace EdgeFactory.Runtime.Skills.Vision;

/// <summary>Stable codes of failed vision skill attempts, as they appear in a task's error and in the counts: <c>camera_lost</c>, <c>camera_unavailable</c>, ….</summary>
internal static class VisionCodes
{
    /// <summary>A model run failed (ONNX Runtime).</summary>
    public const string InferenceFailed = "inference_failed";

    /// <summary>Anything else.</summary>
    public const string Failed = "vision_failed";

    /// <summary>The code of <paramref name="code"/>: its name in snake case (<see cref="VisionErrorCode.CameraLost"/> is <c>camera_lost</c>).</summary>
    public static string Of(VisionErrorCode code)
    {
        var name = code.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
