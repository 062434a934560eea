using EdgeFactory.Inference.Native;
using Microsoft.ML.OnnxRuntime;

namespace EdgeFactory.Inference;

/// <summary>
/// Chooses the ONNX Runtime library once per process: a path given here or in <c>EDGEFACTORY_ONNXRUNTIME</c> (a Jetson's
/// JetPack build), else the library the ONNX Runtime package put next to the application (CPU, or the GPU flavour).
/// </summary>
public static class OnnxRuntimeLibrary
{
    /// <summary>Environment variable that points at a device's own <c>libonnxruntime.so</c>, e.g. JetPack's GPU build.</summary>
    public const string EnvironmentVariable = "EDGEFACTORY_ONNXRUNTIME";

    private static readonly Lock Gate = new();
    private static OrtEnv? _environment;
    private static OnnxRuntimeException? _failure;
    private static string _path = string.Empty;
    private static bool _configured;

    /// <summary>Version of the ONNX Runtime C# API this build uses; a library must be at least this new (same major and minor).</summary>
    public static string RequiredVersion
    {
        get
        {
            var v = typeof(OrtEnv).Assembly.GetName().Version ?? new Version(0, 0);
            return $"{v.Major}.{v.Minor}";
        }
    }

    /// <summary>The library file in use (loads it if needed).</summary>
    public static string LoadedPath
    {
        get
        {
            _ = Environment();
            return _path;
        }
    }

    /// <summary>Whether the library was chosen by a path (option or environment variable) rather than taken from the package.</summary>
    public static bool IsConfigured
    {
        get
        {
            _ = Environment();
            return _configured;
        }
    }

    /// <summary>
    /// Loads the library from <paramref name="configuredPath"/> (or <see cref="EnvironmentVariable"/>, or the package's) and
    /// creates the process's ONNX Runtime environment. Call before the first model loads; a later call with another path
    /// is refused because a process can hold only one ONNX Runtime.
    /// </summary>
    public static void Load(string? configuredPath = null)
    {
        // A process holds one ONNX Runtime: the choice, the resolver and the environment are made once, by one thread.
        lock (Gate)
        {
            if (_environment is not null || _failure is not null)
            {
                if (!string.IsNullOrEmpty(configuredPath) && !string.Equals(Path.GetFullPath(configuredPath), _path, StringComparison.Ordinal))
                {
                    throw new OnnxRuntimeException(
                        OrtErrorCode.LibraryNotFound,
                        $"ONNX Runtime is already loaded from {Describe()}; a process can use one library only, so {configuredPath} must be given before the first model loads.");
                }

                ThrowIfFailed();
                return;
            }

            var chosen = !string.IsNullOrEmpty(configuredPath) ? configuredPath
                : System.Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
                : null;
            try
            {
                if (chosen is not null)
                {
                    _path = Path.GetFullPath(chosen);
                    _configured = true;
                    UseLibraryAt(_path);
                }

                var environment = CreateEnvironment();
                if (chosen is null)
                {
                    _path = MappedLibraryPath() ?? "libonnxruntime.so (from the Microsoft.ML.OnnxRuntime package)";
                }

                Volatile.Write(ref _environment, environment);
            }
            catch (OnnxRuntimeException e)
            {
                _failure = e;
                throw;
            }
        }
    }

    /// <summary>The process's ONNX Runtime environment, loading the library on first use.</summary>
    internal static OrtEnv Environment()
    {
        var environment = Volatile.Read(ref _environment);
        if (environment is not null)
        {
            return environment;
        }

        Load();
        return _environment!;
    }

    private static void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new OnnxRuntimeException(failure.Code, failure.Message, failure);
        }
    }

    private static string Describe() => _configured ? _path : $"{_path} (the package's library)";

    private static void UseLibraryAt(string path)
    {
        var library = Open(path);

        // The package registers its own resolver on first use unless told not to; ours hands it the library chosen here.
        OrtEnv.DisableDllImportResolver = true;
        try
        {
            NativeLibraries.ResolveImports(typeof(OrtEnv).Assembly, "onnxruntime", library);
        }
        catch (InvalidOperationException e)
        {
            throw new OnnxRuntimeException(OrtErrorCode.LibraryNotFound, $"ONNX Runtime was already in use before {path} could be chosen; give the library before the first model loads.", e);
        }
    }

    /// <summary>Loads the library at <paramref name="path"/> and checks that it is ONNX Runtime; a clear error with the fix otherwise.</summary>
    internal static NativeLibraryHandle Open(string path)
    {
        var fix = $"Fix: set {EnvironmentVariable} (or --onnxruntime) to the libonnxruntime.so of an ONNX Runtime {RequiredVersion} or later build, "
            + "e.g. JetPack's, or unset it to use the library that comes with EdgeFactory.";
        if (!File.Exists(path))
        {
            throw new OnnxRuntimeException(OrtErrorCode.LibraryNotFound, $"ONNX Runtime library {path} does not exist. {fix}");
        }

        NativeLibraryHandle library;
        try
        {
            library = NativeLibraries.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeException(OrtErrorCode.LibraryNotFound, $"ONNX Runtime library {path} could not be loaded: {e.Message} {fix}", e);
        }

        if (!NativeLibraries.Exports(library, "OrtGetApiBase"))
        {
            library.Dispose();
            throw new OnnxRuntimeException(OrtErrorCode.NotOnnxRuntime, $"{path} is not ONNX Runtime: it exports no OrtGetApiBase. {fix}");
        }

        return library;
    }

    private static OrtEnv CreateEnvironment()
    {
        try
        {
            // Warning level: ONNX Runtime's own log goes to stderr, where an operator sees it next to ours.
            var options = new EnvironmentCreationOptions { logId = "edgefactory", logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING };
            return OrtEnv.CreateInstanceWithOptions(ref options);
        }
        catch (TypeInitializationException e) when (e.InnerException is { } inner)
        {
            var where = _configured ? _path : "the package's libonnxruntime.so";
            throw inner switch
            {
                InvalidOperationException => new OnnxRuntimeException(
                    OrtErrorCode.LibraryTooOld,
                    $"ONNX Runtime at {where} is too old: {inner.Message} EdgeFactory needs ONNX Runtime {RequiredVersion} or later. "
                    + $"Fix: install a newer build (JetPack's, or the Microsoft.ML.OnnxRuntime package's), or unset {EnvironmentVariable}.",
                    inner),
                EntryPointNotFoundException => new OnnxRuntimeException(OrtErrorCode.NotOnnxRuntime, $"{where} is not ONNX Runtime: {inner.Message}", inner),
                _ => new OnnxRuntimeException(
                    OrtErrorCode.LibraryNotFound,
                    $"ONNX Runtime could not be loaded from {where}: {inner.Message} Fix: rebuild so the Microsoft.ML.OnnxRuntime package's libonnxruntime.so sits next to the application, or set {EnvironmentVariable} to a library's path.",
                    inner),
            };
        }
        catch (DllNotFoundException e)
        {
            throw new OnnxRuntimeException(OrtErrorCode.LibraryNotFound, $"ONNX Runtime could not be loaded: {e.Message} Fix: rebuild, or set {EnvironmentVariable} to a library's path.", e);
        }
    }

    /// <summary>The file the dynamic loader mapped for <c>libonnxruntime.so</c>, read from <c>/proc/self/maps</c>.</summary>
    private static string? MappedLibraryPath()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var slash = line.IndexOf('/', StringComparison.Ordinal);
                if (slash >= 0 && line.AsSpan(slash).Contains("/libonnxruntime.so", StringComparison.Ordinal))
                {
                    return line[slash..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
