using Microsoft.ML.OnnxRuntime;

namespace EdgeFactory.Inference;

/// <summary>
/// Runs one session over tensors bound once to an ONNX Runtime <c>OrtIoBinding</c>, so a steady-state <see cref="Run"/>
/// allocates no managed memory. One thread at a time; create one runner per thread.
/// </summary>
/// <remarks>
/// An input the caller neither reads through <see cref="Input"/> nor binds gets a zeroed tensor of its declared shape
/// at the first run, so binding caller tensors allocates nothing twice. Outputs with a fixed shape are bound up front. An output whose shape depends on the inputs is left to ONNX Runtime
/// on the first run after a shape change; the tensor it allocates is then kept and bound for the runs that follow.
/// </remarks>
public sealed class InferenceRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _model;
    private readonly TensorDescriptor[] _inputs;
    private readonly TensorDescriptor[] _outputs;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions;
    private readonly NativeTensor?[] _inputTensors;
    private readonly NativeTensor?[] _outputTensors;
    private readonly bool[] _inputOwned;
    private readonly long[][] _inputShapes;
    private readonly bool[] _outputOwned;
    private bool _outputsPending;
    private int _running;
    private bool _disposed;

    internal InferenceRunner(InferenceSession session, IReadOnlyDictionary<string, long[]>? inputShapes)
    {
        _session = session;
        _model = session.Name;
        _inputs = [.. session.Signature.Inputs];
        _outputs = [.. session.Signature.Outputs];
        foreach (var d in _inputs.Concat(_outputs).Where(d => d.ElementType is TensorElementType.Undefined or TensorElementType.String))
        {
            throw new OnnxRuntimeException(OrtErrorCode.NotImplemented, $"{_model}: '{d.Name}' is {d.ShapeText}; runners bind numeric and bool tensors only.");
        }

        if (inputShapes is not null)
        {
            foreach (var name in inputShapes.Keys)
            {
                _ = IndexOf(_inputs, name, "input");
            }
        }

        _inputShapes = new long[_inputs.Length][];
        for (var i = 0; i < _inputs.Length; i++)
        {
            var shape = inputShapes is not null && inputShapes.TryGetValue(_inputs[i].Name, out var given)
                ? given
                : [.. _inputs[i].Dimensions.Select(d => d < 0 ? 1 : d)];
            Check(_inputs[i], shape, "input");
            _inputShapes[i] = shape;
        }

        if (!session.TryAddReference())
        {
            throw new ObjectDisposedException(nameof(InferenceSession), $"{_model}: the session was disposed.");
        }

        _inputTensors = new NativeTensor?[_inputs.Length];
        _outputTensors = new NativeTensor?[_outputs.Length];
        _inputOwned = new bool[_inputs.Length];
        _outputOwned = new bool[_outputs.Length];
        try
        {
            _runOptions = new RunOptions();
            _binding = session.Ort.CreateIoBinding();
            for (var i = 0; i < _outputs.Length; i++)
            {
                if (_outputs[i].IsFixed)
                {
                    SetOutput(i, NativeTensor.Allocate(_outputs[i].ElementType, [.. _outputs[i].Dimensions]), owned: true);
                }
                else
                {
                    LeaveOutputToOnnxRuntime(i);
                }
            }
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            DisposeBindings();
            throw OrtFailure.Wrap(e, $"{_model}: creating a runner");
        }
        catch
        {
            DisposeBindings();
            throw;
        }
    }

    /// <summary>The session this runner runs.</summary>
    public InferenceSession Session => _session;

    /// <summary>The tensor bound to input <paramref name="name"/>; write the next run's data into it.</summary>
    public NativeTensor Input(string name) => EnsureInput(IndexOf(_inputs, name, "input"));

    /// <summary>The tensor bound to output <paramref name="name"/>; holds the last run's result.</summary>
    public NativeTensor Output(string name)
    {
        var i = IndexOf(_outputs, name, "output");
        return _outputTensors[i] ?? throw new InvalidOperationException($"{_model}: output '{name}' ({_outputs[i].ShapeText}) has no tensor until the next run decides its shape.");
    }

    /// <summary>Replaces input <paramref name="name"/> with a zeroed tensor of <paramref name="shape"/> and returns it; outputs with open dimensions are re-bound on the next run.</summary>
    public NativeTensor ResizeInput(string name, ReadOnlySpan<long> shape)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var i = IndexOf(_inputs, name, "input");
        Check(_inputs[i], shape, "input");
        var tensor = NativeTensor.Allocate(_inputs[i].ElementType, shape);
        ReplaceInput(i, tensor, owned: true);
        return tensor;
    }

    /// <summary>Binds a caller-owned tensor to input <paramref name="name"/>; the caller keeps it alive until it is replaced or the runner is disposed.</summary>
    public void BindInput(string name, NativeTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var i = IndexOf(_inputs, name, "input");
        CheckType(_inputs[i], tensor.ElementType, "input");
        Check(_inputs[i], tensor.Shape, "input");
        ReplaceInput(i, tensor, owned: false);
    }

    /// <summary>Binds a caller-owned tensor that the next runs write output <paramref name="name"/> into.</summary>
    public void BindOutput(string name, NativeTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var i = IndexOf(_outputs, name, "output");
        CheckType(_outputs[i], tensor.ElementType, "output");
        Check(_outputs[i], tensor.Shape, "output");
        Release(_outputTensors[i], _outputOwned[i]);
        _outputTensors[i] = null;
        SetOutput(i, tensor, owned: false);
    }

    /// <summary>Runs the model over the bound tensors. Allocates nothing in steady state unless <paramref name="cancellationToken"/> can be cancelled.</summary>
    public void Run(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException($"{_model}: this runner is already running on another thread; create one runner per thread.");
        }

        try
        {
            RunBound(cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private void RunBound(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _inputTensors.Length; i++)
        {
            if (_inputTensors[i] is null)
            {
                EnsureInput(i);
            }
        }

        try
        {
            if (cancellationToken.CanBeCanceled)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using (cancellationToken.UnsafeRegister(static s => ((RunOptions)s!).Terminate = true, _runOptions))
                {
                    _session.Ort.RunWithBinding(_runOptions, _binding);
                }
            }
            else
            {
                _session.Ort.RunWithBinding(_runOptions, _binding);
            }
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _runOptions.Terminate = false;
                throw new OperationCanceledException($"{_model}: run cancelled.", e, cancellationToken);
            }

            throw OrtFailure.Wrap(e, $"{_model}: run failed");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            // The run finished before the flag was seen; clear it so the next run is not terminated at once.
            _runOptions.Terminate = false;
        }

        if (_outputsPending)
        {
            AdoptOutputs();
        }
    }

    /// <summary>Keeps the outputs ONNX Runtime allocated on this run and binds them for the runs that follow.</summary>
    private void AdoptOutputs()
    {
        // Each value in the collection is a separate reference; the ones not adopted are released here one by one.
        var values = _binding.GetOutputValues();
        for (var i = 0; i < values.Count; i++)
        {
            if (i < _outputTensors.Length && _outputTensors[i] is null)
            {
                var adopted = NativeTensor.Adopt(values[i], $"{_model}: output '{_outputs[i].Name}'");
                SetOutput(i, adopted, owned: true);
            }
            else
            {
                values[i].Dispose();
            }
        }

        _outputsPending = false;
    }

    /// <summary>Frees the tensors the runner allocated, unbinds the caller's, and lets the session go.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        DisposeBindings();
    }

    private void DisposeBindings()
    {
        _binding?.Dispose();
        for (var i = 0; i < _inputTensors.Length; i++)
        {
            Release(_inputTensors[i], _inputOwned[i]);
            _inputTensors[i] = null;
        }

        for (var i = 0; i < _outputTensors.Length; i++)
        {
            Release(_outputTensors[i], _outputOwned[i]);
            _outputTensors[i] = null;
        }

        _runOptions?.Dispose();
        _session.Release();
    }

    private NativeTensor EnsureInput(int i)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_inputTensors[i] is { } bound)
        {
            return bound;
        }

        var tensor = NativeTensor.Allocate(_inputs[i].ElementType, _inputShapes[i]);
        SetInput(i, tensor, owned: true);
        return tensor;
    }

    private void ReplaceInput(int i, NativeTensor tensor, bool owned)
    {
        var old = _inputTensors[i];
        var oldOwned = _inputOwned[i];
        var shapeChanged = old is null || !old.Shape.SequenceEqual(tensor.Shape);

        // Bind the new tensor first, so the binding never refers to memory already freed.
        SetInput(i, tensor, owned);
        Release(old, oldOwned);
        if (shapeChanged)
        {
            for (var o = 0; o < _outputs.Length; o++)
            {
                if (!_outputs[o].IsFixed)
                {
                    Release(_outputTensors[o], _outputOwned[o]);
                    _outputTensors[o] = null;
                    LeaveOutputToOnnxRuntime(o);
                }
            }
        }
    }

    private void SetInput(int i, NativeTensor tensor, bool owned)
    {
        tensor.AddBinding();
        Bind(() => _binding.BindInput(_inputs[i].Name, tensor.Value), _inputs[i].Name);
        _inputTensors[i] = tensor;
        _inputOwned[i] = owned;
    }

    private void SetOutput(int i, NativeTensor tensor, bool owned)
    {
        tensor.AddBinding();
        Bind(() => _binding.BindOutput(_outputs[i].Name, tensor.Value), _outputs[i].Name);
        _outputTensors[i] = tensor;
        _outputOwned[i] = owned;
    }

    private void LeaveOutputToOnnxRuntime(int i)
    {
        Bind(() => _binding.BindOutputToDevice(_outputs[i].Name, OrtMemoryInfo.DefaultInstance), _outputs[i].Name);
        _outputsPending = true;
    }

    private void Bind(Action bind, string name)
    {
        try
        {
            bind();
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw OrtFailure.Wrap(e, $"{_model}: binding '{name}'");
        }
    }

    private static void Release(NativeTensor? tensor, bool owned)
    {
        if (tensor is null)
        {
            return;
        }

        tensor.RemoveBinding();
        if (owned)
        {
            tensor.Dispose();
        }
    }

    private int IndexOf(TensorDescriptor[] list, string name, string kind)
    {
        for (var i = 0; i < list.Length; i++)
        {
            if (string.Equals(list[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"{_model}: no {kind} named '{name}'; its {kind}s are {string.Join(", ", list.Select(d => d.ToString()))}.");
    }

    private void CheckType(TensorDescriptor d, TensorElementType given, string kind)
    {
        if (d.ElementType != given)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"{_model}: {kind} '{d.Name}' expects {d.ShapeText}; the tensor given holds {TensorElementTypes.Name(given)}.");
        }
    }

    private void Check(TensorDescriptor d, ReadOnlySpan<long> shape, string kind)
    {
        _ = TensorShapes.ByteLength(d.ElementType, shape, $"{_model}: {kind} '{d.Name}'");
        if (!d.Accepts(shape))
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"{_model}: {kind} '{d.Name}' expects {d.ShapeText}; the shape given is {TensorShapes.Format(shape)}.");
        }
    }
}
