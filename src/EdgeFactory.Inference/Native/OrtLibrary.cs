using System.Runtime.InteropServices;

namespace EdgeFactory.Inference.Native;

/// <summary>Loads <c>libonnxruntime</c> once per process and resolves <c>OrtGetApiBase</c>, its single named entry point.</summary>
internal static unsafe class OrtLibrary
{
    private static readonly object Gate = new();
    private static OrtApiBase* _apiBase;
    private static string? _path;

    /// <summary>Path the library was loaded from.</summary>
    public static string LoadedPath => _path ?? throw new InvalidOperationException("ONNX Runtime is not loaded.");

    /// <summary>Loads the library from <paramref name="configuredPath"/> (or the default locations) if not yet loaded.</summary>
    public static OrtApiBase* ApiBase(string? configuredPath = null)
    {
        lock (Gate)
        {
            if (_apiBase is not null)
            {
                return _apiBase;
            }

            var path = OnnxRuntimeLocator.Locate(configuredPath);
            nint library;
            try
            {
                library = NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                throw new OnnxRuntimeException(OrtErrorCode.LibraryNotFound, $"ONNX Runtime at {path} could not be loaded: {e.Message}", e);
            }

            if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var export))
            {
                throw new OnnxRuntimeException(OrtErrorCode.LibraryNotFound, $"{path} does not export OrtGetApiBase; it is not ONNX Runtime.");
            }

            _apiBase = ((delegate* unmanaged[Cdecl]<OrtApiBase*>)export)();
            _path = path;
            return _apiBase;
        }
    }

    /// <summary>The library's version string, e.g. <c>1.30.0</c>.</summary>
    public static string Version(string? configuredPath = null) =>
        Marshal.PtrToStringUTF8((nint)ApiBase(configuredPath)->GetVersionString()) ?? "unknown";

    /// <summary>The <c>OrtApi</c> table at <see cref="OrtApi.RequiredApiVersion"/>, or a clear error when the library is older.</summary>
    public static void* Api()
    {
        var apiBase = ApiBase();
        var api = apiBase->GetApi(OrtApi.RequiredApiVersion);
        if (api is null)
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.LibraryTooOld,
                $"ONNX Runtime {Version()} at {_path} does not serve API version {OrtApi.RequiredApiVersion}; EdgeFactory needs ONNX Runtime 1.17 or later (make deps installs 1.30.0).");
        }

        return api;
    }
}
