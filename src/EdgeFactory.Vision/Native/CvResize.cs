using OpenCvSharp;
using OpenCvSharp.Internal;

namespace EdgeFactory.Vision.Native;

/// <summary><c>cv::resize</c> between reused native arrays: no managed wrapper per call.</summary>
internal static class CvResize
{
    public static void Linear(CvArrayHandle source, CvArrayHandle target, int width, int height)
    {
        var added = false;
        var addedTarget = false;
        try
        {
            source.DangerousAddRef(ref added);
            target.DangerousAddRef(ref addedTarget);
            NativeMethods.HandleException(NativeMethods.imgproc_resize(source.DangerousGetHandle(), target.DangerousGetHandle(), new Size(width, height), 0, 0, (int)InterpolationFlags.Linear));
        }
        finally
        {
            if (addedTarget)
            {
                target.DangerousRelease();
            }

            if (added)
            {
                source.DangerousRelease();
            }

            GC.KeepAlive(source.Mat);
            GC.KeepAlive(target.Mat);
        }
    }
}
