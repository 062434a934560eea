using System.Runtime.InteropServices;
using EdgeFactory.Inference.Native;
using EdgeFactory.Inference.Onnx;

namespace EdgeFactory.Inference;

/// <summary>A loaded model on its effective execution provider; thread-safe, and each thread runs it through its own <see cref="InferenceRunner"/>.</summary>
public sealed class InferenceSession : IDisposable
{
    private readonly OrtHandle _session;

    private InferenceSession(string name, OrtHandle session, ExecutionProviderKind provider, IReadOnlyList<ProviderFallback> fallbacks, OnnxModelHeader.Facts? header)
    {
        Name = name;
        _session = session;
        ExecutionProvider = provider;
        ProviderFallbacks = fallbacks;
        Signature = new ModelSignature(OrtSessionNative.Inputs(session, name), OrtSessionNative.Outputs(session, name));
        var (producer, graph, domain, description, version, custom) = OrtSessionNative.Metadata(session, name);
        Metadata = new ModelMetadata(
            producer,
            header?.ProducerVersion ?? string.Empty,
            graph,
            domain,
            description,
            version,
            header?.IrVersion ?? 0,
            header?.Opsets ?? new Dictionary<string, long>(),
            custom);
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

    internal OrtHandle Handle => _session;

    /// <summary>Loads a model file; a missing, truncated or corrupt file is an <see cref="OnnxRuntimeException"/> naming it.</summary>
    public static InferenceSession Load(string path, InferenceSessionOptions? options = null)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new OnnxRuntimeException(OrtErrorCode.NoSuchFile, $"{name}: model file {Path.GetFullPath(path)} does not exist.");
        }

        OnnxModelHeader.Facts? header;
        using (var stream = File.OpenRead(path))
        {
            header = OnnxModelHeader.TryRead(stream);
        }

        return Create(name, options, header, o => OrtSessionNative.CreateFromFile(o, path, name));
    }

    /// <summary>Loads a model from memory (an artifact already verified against its passport), named <paramref name="name"/> in messages.</summary>
    public static InferenceSession Load(ReadOnlyMemory<byte> model, string name, InferenceSessionOptions? options = null)
    {
        if (model.IsEmpty)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidProtobuf, $"{name}: the model is empty (0 bytes).");
        }

        // Read the header over the caller's bytes; a model can be hundreds of megabytes, so copy only when they are not an array.
        OnnxModelHeader.Facts? header;
        using (var stream = MemoryMarshal.TryGetArray(model, out var array)
            ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
            : new MemoryStream(model.ToArray(), writable: false))
        {
            header = OnnxModelHeader.TryRead(stream);
        }

        return Create(name, options, header, o => OrtSessionNative.CreateFromBytes(o, model.Span, name));
    }

    private static InferenceSession Create(string name, InferenceSessionOptions? options, OnnxModelHeader.Facts? header, Func<OrtHandle, OrtHandle> open)
    {
        options ??= InferenceSessionOptions.Default;
        options.Validate();
        var fallbacks = new List<ProviderFallback>();
        var chain = options.ProviderChain();
        for (var i = 0; ; i++)
        {
            var provider = chain[i];
            using var sessionOptions = OrtSessionNative.CreateOptions(options, name);
            OrtHandle? session = null;
            try
            {
                OrtProviders.Append(sessionOptions, provider, name);
                session = open(sessionOptions);
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
    public void Dispose() => _session.Dispose();
}
