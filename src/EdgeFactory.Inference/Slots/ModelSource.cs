namespace EdgeFactory.Inference.Slots;

/// <summary>Where a model version comes from: a file on disk or bytes already verified in memory.</summary>
public abstract record ModelSource
{
    private ModelSource()
    {
    }

    /// <summary>Name used in messages.</summary>
    public abstract string Name { get; }

    /// <summary>A model file.</summary>
    public static ModelSource FromFile(string path) => new FileSource(path);

    /// <summary>Model bytes (a verified artifact), named <paramref name="name"/> in messages.</summary>
    public static ModelSource FromBytes(ReadOnlyMemory<byte> bytes, string name) => new BytesSource(bytes, name);

    internal abstract InferenceSession Load(InferenceSessionOptions options);

    private sealed record FileSource(string Path) : ModelSource
    {
        public override string Name => System.IO.Path.GetFileName(Path);

        internal override InferenceSession Load(InferenceSessionOptions options) => InferenceSession.Load(Path, options);
    }

    private sealed record BytesSource(ReadOnlyMemory<byte> Bytes, string SourceName) : ModelSource
    {
        public override string Name => SourceName;

        internal override InferenceSession Load(InferenceSessionOptions options) => InferenceSession.Load(Bytes, SourceName, options);
    }
}
