using System.Runtime.InteropServices;
using OpenCvSharp;
using OpenCvSharp.Internal;

namespace EdgeFactory.Vision.Native;

/// <summary>A native <c>cv::_InputArray</c> or <c>cv::_OutputArray</c> over one <see cref="Mat"/>, made once and reused (OpenCvSharp makes and frees one per call).</summary>
internal sealed class CvArrayHandle : SafeHandle
{
    private readonly bool _output;
    private readonly Mat _mat;

    private CvArrayHandle(nint handle, bool output, Mat mat)
        : base(0, ownsHandle: true)
    {
        SetHandle(handle);
        _output = output;
        _mat = mat;
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The Mat the array refers to (kept alive with it).</summary>
    public Mat Mat => _mat;

    /// <summary>An input array over <paramref name="mat"/>.</summary>
    public static CvArrayHandle Input(Mat mat)
    {
        NativeMethods.HandleException(NativeMethods.core_InputArray_new_byMat(mat.CvPtr, out var ptr));
        return new CvArrayHandle(ptr, output: false, mat);
    }

    /// <summary>An output array over <paramref name="mat"/>; OpenCV (re)allocates the Mat's pixels through it.</summary>
    public static CvArrayHandle Output(Mat mat)
    {
        NativeMethods.HandleException(NativeMethods.core_OutputArray_new_byMat(mat.CvPtr, out var ptr));
        return new CvArrayHandle(ptr, output: true, mat);
    }

    protected override bool ReleaseHandle()
    {
        var status = _output ? NativeMethods.core_OutputArray_delete(handle) : NativeMethods.core_InputArray_delete(handle);
        return status == ExceptionStatus.NotOccurred;
    }
}
