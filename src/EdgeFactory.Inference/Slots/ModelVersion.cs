namespace EdgeFactory.Inference.Slots;

/// <summary>
/// One loaded version in a slot: its session, a small pool of runners, and a reference count so the session is
/// disposed only after the last in-flight run on it has finished.
/// </summary>
internal sealed class ModelVersion : IThreadPoolWorkItem
{
    private readonly InferenceRunner?[] _idle;
    private readonly IReadOnlyDictionary<string, long[]>? _shapes;
    private readonly object _gate = new();
    private int _idleCount;
    private int _references = 1;

    public ModelVersion(string version, InferenceSession session, IReadOnlyDictionary<string, long[]>? shapes, int maxIdleRunners)
    {
        Version = version;
        Session = session;
        _shapes = shapes;
        _idle = new InferenceRunner?[maxIdleRunners];
    }

    public string Version { get; }

    public InferenceSession Session { get; }

    /// <summary>Set once the session has been disposed; tests use it to prove no run saw a disposed version.</summary>
    public bool IsRetired { get; private set; }

    public bool TryAddReference() => ReferenceCount.TryAdd(ref _references);

    /// <summary>Drops a reference; the last one hands disposal to the thread pool so the control loop never pays for it.</summary>
    public void Release()
    {
        if (ReferenceCount.Release(ref _references))
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public InferenceRunner RentRunner()
    {
        lock (_gate)
        {
            if (_idleCount > 0)
            {
                var runner = _idle[--_idleCount]!;
                _idle[_idleCount] = null;
                return runner;
            }
        }

        return Session.CreateRunner(_shapes);
    }

    public void ReturnRunner(InferenceRunner runner)
    {
        lock (_gate)
        {
            if (_idleCount < _idle.Length)
            {
                _idle[_idleCount++] = runner;
                return;
            }
        }

        runner.Dispose();
    }

    void IThreadPoolWorkItem.Execute() => Retire();

    /// <summary>Disposes the runners and the session; called once the reference count reached zero.</summary>
    public void Retire()
    {
        lock (_gate)
        {
            for (var i = 0; i < _idleCount; i++)
            {
                _idle[i]!.Dispose();
                _idle[i] = null;
            }

            _idleCount = 0;
        }

        Session.Dispose();
        IsRetired = true;
    }
}
