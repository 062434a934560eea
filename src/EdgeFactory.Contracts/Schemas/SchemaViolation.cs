namespace EdgeFactory.Contracts.Schemas;

/// <summary>One way a JSON document fails its schema.</summary>
/// <param name="Path">JSON Pointer to the offending value (<c>""</c> is the whole document).</param>
/// <param name="Message">What is wrong, in words an integrator can act on.</param>
public readonly record struct SchemaViolation(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
