using EdgeFactory.Inference.Native;

namespace EdgeFactory.Inference;

/// <summary>
/// Runs one session over tensors bound once, so a steady-state <see cref="Run"/> allocates no managed memory.
/// One thread at a time; create one runner per thread.
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
    private readonly Utf8String[] _names;
    private readonly nint[] _inputNames;
    private readonly nint[] _inputValues;
    private readonly nint[] _outputNames;
    private readonly nint[] _outputValues;
    private readonly NativeTensor?[] _inputTensors;
    private readonly NativeTensor?[] _outputTensors;
    private readonly bool[] _inputOwned;
    private readonly long[][] _inputShapes;
    private readonly bool[] _outputOwned;
    private readonly OrtHandle _runOptions;
    private readonly nint _sessionRaw;
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

        var added = false;
        session.Handle.DangerousAddRef(ref added);
        _sessionRaw = session.Handle.DangerousGetHandle();
        _runOptions = OrtRunNative.CreateRunOptions();
        _names = [.. _inputs.Concat(_outputs).Select(d => new Utf8String(d.Name))];
        unsafe
        {
            _inputNames = [.. _names.Take(_inputs.Length).Select(n => (nint)n.Pointer)];
            _outputNames = [.. _names.Skip(_inputs.Length).Select(n => (nint)n.Pointer)];
        }

        _inputValues = new nint[_inputs.Length];
        _outputValues = new nint[_outputs.Length];
        _inputTensors = new NativeTensor?[_inputs.Length];
        _outputTensors = new NativeTensor?[_outputs.Length];
        _inputOwned = new bool[_inputs.Length];
        _outputOwned = new bool[_outputs.Length];

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

        for (var i = 0; i < _outputs.Length; i++)
        {
            if (_outputs[i].IsFixed)
            {
                SetOutput(i, NativeTensor.Allocate(_outputs[i].ElementType, [.. _outputs[i].Dimensions]), owned: true);
            }
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
        ClearOutput(i);
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
        for (var i = 0; i < _inputValues.Length; i++)
        {
            if (_inputValues[i] == 0)
            {
                EnsureInput(i);
            }
        }

        nint status;
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (cancellationToken.UnsafeRegister(static s => OrtRunNative.Terminate(((OrtHandle)s!).DangerousGetHandle()), _runOptions))
            {
                status = OrtRunNative.Run(_sessionRaw, _runOptions.DangerousGetHandle(), _inputNames, _inputValues, _outputNames, _outputValues);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                OrtRunNative.ClearTerminate(_runOptions.DangerousGetHandle());
                if (status != 0)
                {
                    _ = OrtApi.ToException(status, _model);
                    ReleaseUnadopted();
                    throw new OperationCanceledException($"{_model}: run cancelled.", cancellationToken);
                }
            }
        }
        else
        {
            status = OrtRunNative.Run(_sessionRaw, _runOptions.DangerousGetHandle(), _inputNames, _inputValues, _outputNames, _outputValues);
        }

        if (status != 0)
        {
            ReleaseUnadopted();
            throw OrtApi.ToException(status, $"{_model}: run failed");
        }

        for (var i = 0; i < _outputTensors.Length; i++)
        {
            if (_outputTensors[i] is null && _outputValues[i] != 0)
            {
                var adopted = NativeTensor.Adopt(OrtHandle.Own(OrtObjectKind.Value, _outputValues[i]), $"{_model}: output '{_outputs[i].Name}'");
                SetOutput(i, adopted, owned: true);
            }
        }
    }

    private void ReleaseUnadopted()
    {
        for (var i = 0; i < _outputTensors.Length; i++)
        {
            if (_outputTensors[i] is null && _outputValues[i] != 0)
            {
                OrtRunNative.ReleaseValue(_outputValues[i]);
                _outputValues[i] = 0;
            }
        }
    }

    /// <summary>Frees the tensors the runner allocated, unbinds the caller's, and lets the session go.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (var i = 0; i < _inputTensors.Length; i++)
        {
            Release(_inputTensors[i], _inputOwned[i]);
        }

        for (var i = 0; i < _outputTensors.Length; i++)
        {
            Release(_outputTensors[i], _outputOwned[i]);
        }

        foreach (var n in _names)
        {
            n.Dispose();
        }

        _runOptions.Dispose();
        _session.Handle.DangerousRelease();
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
        var shapeChanged = old is null || !old.Shape.SequenceEqual(tensor.Shape);
        Release(old, _inputOwned[i]);
        SetInput(i, tensor, owned);
        if (shapeChanged)
        {
            for (var o = 0; o < _outputs.Length; o++)
            {
                if (!_outputs[o].IsFixed)
                {
                    ClearOutput(o);
                }
            }
        }
    }

    private void SetInput(int i, NativeTensor tensor, bool owned)
    {
        tensor.AddBinding();
        _inputTensors[i] = tensor;
        _inputOwned[i] = owned;
        _inputValues[i] = tensor.Value.DangerousGetHandle();
    }

    private void SetOutput(int i, NativeTensor tensor, bool owned)
    {
        tensor.AddBinding();
        _outputTensors[i] = tensor;
        _outputOwned[i] = owned;
        _outputValues[i] = tensor.Value.DangerousGetHandle();
    }

    private void ClearOutput(int i)
    {
        Release(_outputTensors[i], _outputOwned[i]);
        _outputTensors[i] = null;
        _outputValues[i] = 0;
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
