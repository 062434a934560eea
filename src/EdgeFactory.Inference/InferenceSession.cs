using System.Runtime.InteropServices;
using EdgeFactory.Inference.Onnx;
using OrtSession = Microsoft.ML.OnnxRuntime.InferenceSession;

namespace EdgeFactory.Inference;

/// <summary>A loaded model on its effective execution provider; thread-safe, and each thread runs it through its own <see cref="InferenceRunner"/>.</summary>
public sealed class InferenceSession : IDisposable
{
    private readonly OrtSession _session;
    private int _references = 1;
    private int _disposed;

    private InferenceSession(string name, OrtSession session, ExecutionProviderKind provider, IReadOnlyList<ProviderFallback> fallbacks, OnnxModelHeader.Facts? header)
    {
        Name = name;
        _session = session;
        ExecutionProvider = provider;
        ProviderFallbacks = fallbacks;
        Signature = new ModelSignature(
            [.. session.InputNames.Select(n => TensorDescriptors.Of(n, session.InputMetadata[n]))],
            [.. session.OutputNames.Select(n => TensorDescriptors.Of(n, session.OutputMetadata[n]))]);
        var metadata = session.ModelMetadata;
        Metadata = new ModelMetadata(
            metadata.ProducerName,
            header?.ProducerVersion ?? string.Empty,
            metadata.GraphName,
            metadata.Domain,
            metadata.Description,
            metadata.Version,
            header?.IrVersion ?? 0,
            header?.Opsets ?? new Dictionary<string, long>(),
            new Dictionary<string, string>(metadata.CustomMetadataMap, StringComparer.Ordinal));
    }

    /// <summary>Name used in every message about this model (the file name, or the name given with the bytes).</summary>
    public string Name { get; }

    /// <summary>Inputs and outputs.</summary>
    public ModelSignature Signature { get; }

    /// <summary>What the model says about itself.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The provider the session runs on, for telemetry.</summary>
    public ExecutionProviderKind ExecutionProvider { get; }

    /// <summary>Preferred providers that were skipped, each with the reason.</summary>
    public IReadOnlyList<ProviderFallback> ProviderFallbacks { get; }

    /// <summary>ONNX Runtime's session, for runners.</summary>
    internal OrtSession Ort => _session;

    /// <summary>Loads a model file; a missing, truncated or corrupt file is an <see cref="OnnxRuntimeException"/> naming it.</summary>
    public static InferenceSession Load(string path, InferenceSessionOptions? options = null)
    {
        var name = Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(path))}: {Path.GetFullPath(path)} is a folder; give the .onnx model file inside it.");
        }

        if (!File.Exists(path))
        {
            throw new OnnxRuntimeException(OrtErrorCode.NoSuchFile, $"{name}: model file {Path.GetFullPath(path)} does not exist.");
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidProtobuf, $"{name}: model file {Path.GetFullPath(path)} is empty (0 bytes).");
        }

        OnnxModelHeader.Facts? header;
        using (var stream = File.OpenRead(path))
        {
            header = OnnxModelHeader.TryRead(stream);
        }

        return Create(name, options, header, o => new OrtSession(path, o), $"loading {path}");
    }

    /// <summary>Loads a model from memory (an artifact already verified against its passport), named <paramref name="name"/> in messages.</summary>
    public static InferenceSession Load(ReadOnlyMemory<byte> model, string name, InferenceSessionOptions? options = null)
    {
        if (model.IsEmpty)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidProtobuf, $"{name}: the model is empty (0 bytes).");
        }

        // ONNX Runtime's C# API takes a whole array; a model can be hundreds of megabytes, so copy only when the bytes are not one.
        var bytes = MemoryMarshal.TryGetArray(model, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : model.ToArray();
        OnnxModelHeader.Facts? header;
        using (var stream = new MemoryStream(bytes, writable: false))
        {
            header = OnnxModelHeader.TryRead(stream);
        }

        return Create(name, options, header, o => new OrtSession(bytes, o), $"loading {bytes.Length} bytes");
    }

    private static InferenceSession Create(string name, InferenceSessionOptions? options, OnnxModelHeader.Facts? header, Func<Microsoft.ML.OnnxRuntime.SessionOptions, OrtSession> open, string what)
    {
        options ??= InferenceSessionOptions.Default;
        options.Validate();
        var fallbacks = new List<ProviderFallback>();
        var chain = options.ProviderChain();
        for (var i = 0; ; i++)
        {
            var provider = chain[i];
            OrtSession? session = null;
            try
            {
                using var sessionOptions = SessionSettings.Create(options, provider, name);
                try
                {
                    session = open(sessionOptions);
                }
                catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
                {
                    throw OrtFailure.Wrap(e, $"{name}: {what}");
                }

                return new InferenceSession(name, session, provider.Kind, fallbacks, header);
            }
            catch (OnnxRuntimeException e) when (i < chain.Count - 1)
            {
                // A GPU provider that cannot be appended, or whose session fails to build, falls back to the next one.
                session?.Dispose();
                fallbacks.Add(new ProviderFallback(provider.Kind, e.Message));
            }
            catch
            {
                session?.Dispose();
                throw;
            }
        }
    }

    /// <summary>A runner with every input bound to a zeroed tensor; open dimensions take <paramref name="inputShapes"/> or 1.</summary>
    public InferenceRunner CreateRunner(IReadOnlyDictionary<string, long[]>? inputShapes = null) => new(this, inputShapes);

    /// <summary>
    /// One run with copies in and out, for tools and tests; the control loop uses an <see cref="InferenceRunner"/> instead.
    /// The caller owns the returned tensors.
    /// </summary>
    public Dictionary<string, NativeTensor> Run(IReadOnlyDictionary<string, NativeTensor> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var name in inputs.Keys)
        {
            if (Signature.Inputs.All(i => i.Name != name))
            {
                throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"{Name}: no input named '{name}'; its inputs are {string.Join(", ", Signature.Inputs)}.");
            }
        }

        using var runner = CreateRunner(inputs.ToDictionary(kv => kv.Key, kv => kv.Value.Shape.ToArray()));
        foreach (var descriptor in Signature.Inputs)
        {
            if (!inputs.TryGetValue(descriptor.Name, out var tensor))
            {
                throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"{Name}: input '{descriptor.Name}' ({descriptor.ShapeText}) was not given.");
            }

            runner.BindInput(descriptor.Name, tensor);
        }

        runner.Run(cancellationToken);
        return Signature.Outputs.ToDictionary(o => o.Name, o => runner.Output(o.Name).Clone());
    }

    /// <summary>Releases the session once every runner over it is disposed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Release();
        }
    }

    /// <summary>Keeps ONNX Runtime's session alive for a runner; false once it has been released.</summary>
    internal bool TryAddReference() => ReferenceCount.TryAdd(ref _references);

    /// <summary>Drops a reference; the last one releases ONNX Runtime's session.</summary>
    internal void Release()
    {
        if (ReferenceCount.Release(ref _references))
        {
            _session.Dispose();
        }
    }
}
