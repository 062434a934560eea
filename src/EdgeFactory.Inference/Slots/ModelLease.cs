namespace EdgeFactory.Inference.Slots;

/// <summary>
/// The right to run the slot's current version once: holds a runner of that version, and keeps the version alive
/// until disposed, even when a newer one is swapped in meanwhile. Allocation-free to take and return.
/// </summary>
public readonly struct ModelLease : IDisposable, IEquatable<ModelLease>
{
    private readonly ModelVersion? _version;

    internal ModelLease(ModelVersion version, InferenceRunner runner)
    {
        _version = version;
        Runner = runner;
    }

    /// <summary>A runner of the leased version, for this lease's holder only.</summary>
    public InferenceRunner Runner { get; }

    /// <summary>The leased version object, for tests that check retirement.</summary>
    internal ModelVersion? VersionObject => _version;

    /// <summary>The version this lease runs.</summary>
    public string Version => _version?.Version ?? string.Empty;

    /// <summary>Returns the runner and lets the version go.</summary>
    public void Dispose()
    {
        if (_version is not null)
        {
            _version.ReturnRunner(Runner);
            _version.Release();
        }
    }

    /// <inheritdoc/>
    public bool Equals(ModelLease other) => ReferenceEquals(_version, other._version) && ReferenceEquals(Runner, other.Runner);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ModelLease other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_version, Runner);

    /// <summary>Equality by version and runner.</summary>
    public static bool operator ==(ModelLease left, ModelLease right) => left.Equals(right);

    /// <summary>Inequality by version and runner.</summary>
    public static bool operator !=(ModelLease left, ModelLease right) => !left.Equals(right);
}
