using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Inference.Slots;

/// <summary>
/// A named place for one model that its consumer runs while new versions load in the background: each version is
/// checked against the consumer's signature, warmed up, and swapped in atomically; runs in flight finish on the old
/// version, which is disposed after them. A version that fails to load or does not fit leaves the old one running.
/// </summary>
public sealed class ModelSlot : IDisposable
{
    private readonly ModelSlotOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private ModelVersion? _current;
    private long _swaps;
    private long _refusals;
    private bool _disposed;

    /// <summary>Creates an empty slot; options are validated here.</summary>
    public ModelSlot(ModelSlotOptions options, ILogger<ModelSlot>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger<ModelSlot>.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Slot name.</summary>
    public string Name => _options.Name;

    /// <summary>The live version, or null before the first successful load.</summary>
    public string? Version => Volatile.Read(ref _current)?.Version;

    /// <summary>Provider of the live version, or null when empty.</summary>
    public ExecutionProviderKind? ExecutionProvider => Volatile.Read(ref _current)?.Session.ExecutionProvider;

    /// <summary>Versions swapped in since start.</summary>
    public long Swaps => Interlocked.Read(ref _swaps);

    /// <summary>Versions refused since start.</summary>
    public long Refusals => Interlocked.Read(ref _refusals);

    /// <summary>
    /// Loads <paramref name="source"/> as <paramref name="version"/> off the caller's thread, checks and warms it, then swaps it in.
    /// Loads are serialised. Only cancellation throws; every other failure is a refused <see cref="ModelSwapResult"/>.
    /// </summary>
    public async Task<ModelSwapResult> LoadAsync(ModelSource source, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => LoadAndSwap(source, version, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Leases the live version for one run; throws when the slot is empty.</summary>
    public ModelLease Acquire() =>
        TryAcquire(out var lease) ? lease : throw new InvalidOperationException($"Model slot {Name} has no version loaded yet.");

    /// <summary>Leases the live version for one run, or returns false when the slot is empty.</summary>
    public bool TryAcquire(out ModelLease lease)
    {
        while (true)
        {
            var version = Volatile.Read(ref _current);
            if (version is null)
            {
                lease = default;
                return false;
            }

            // A version whose count already reached zero is being retired; re-read to find its successor.
            if (version.TryAddReference())
            {
                lease = new ModelLease(version, version.RentRunner());
                return true;
            }
        }
    }

    private ModelSwapResult LoadAndSwap(ModelSource source, string version, CancellationToken cancellationToken)
    {
        var previous = Volatile.Read(ref _current)?.Version;
        var started = _time.GetTimestamp();
        InferenceSession session;
        try
        {
            session = source.Load(_options.Session);
        }
        catch (OnnxRuntimeException e)
        {
            return Refuse(version, previous, e.Code, e.Message, _time.GetElapsedTime(started), TimeSpan.Zero, null, []);
        }

        var loadTime = _time.GetElapsedTime(started);
        foreach (var skipped in session.ProviderFallbacks)
        {
            ModelSlotLog.ProviderSkipped(_logger, Name, version, skipped.Provider, skipped.Reason);
        }

        var mismatches = session.Signature.MismatchesAgainst(_options.Required);
        if (mismatches.Count > 0)
        {
            session.Dispose();
            return Refuse(version, previous, OrtErrorCode.InvalidArgument, $"{source.Name} does not fit slot {Name}: {string.Join("; ", mismatches)}", loadTime, TimeSpan.Zero, session.ExecutionProvider, session.ProviderFallbacks);
        }

        var next = new ModelVersion(version, session, _options.InputShapes, _options.MaxIdleRunners);
        var warmStarted = _time.GetTimestamp();
        try
        {
            var runner = next.RentRunner();
            for (var i = 0; i < _options.WarmupRuns; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                runner.Run(cancellationToken);
            }

            next.ReturnRunner(runner);
        }
        catch (OnnxRuntimeException e)
        {
            next.Retire();
            return Refuse(version, previous, e.Code, $"{source.Name} failed its warm-up run: {e.Message}", loadTime, _time.GetElapsedTime(warmStarted), session.ExecutionProvider, session.ProviderFallbacks);
        }
        catch
        {
            next.Retire();
            throw;
        }

        var warmupTime = _time.GetElapsedTime(warmStarted);
        if (_disposed)
        {
            next.Retire();
            throw new ObjectDisposedException(nameof(ModelSlot));
        }

        Interlocked.Exchange(ref _current, next)?.Release();
        Interlocked.Increment(ref _swaps);
        ModelSlotLog.Swapped(_logger, Name, version, session.ExecutionProvider, previous ?? "none", loadTime.TotalMilliseconds, warmupTime.TotalMilliseconds);
        return new ModelSwapResult(true, version, previous, null, null, loadTime, warmupTime, session.ExecutionProvider, session.ProviderFallbacks);
    }

    private ModelSwapResult Refuse(
        string version,
        string? previous,
        OrtErrorCode code,
        string reason,
        TimeSpan loadTime,
        TimeSpan warmupTime,
        ExecutionProviderKind? provider,
        IReadOnlyList<ProviderFallback> fallbacks)
    {
        Interlocked.Increment(ref _refusals);
        ModelSlotLog.Refused(_logger, Name, version, code, reason, previous ?? "nothing");
        return new ModelSwapResult(false, version, previous, reason, code, loadTime, warmupTime, provider, fallbacks);
    }

    /// <summary>Lets the live version go; it is disposed once leases on it are returned.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Interlocked.Exchange(ref _current, null)?.Release();
        _loading.Dispose();
    }
}
