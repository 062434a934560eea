using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Models.Canonical;
using EdgeFactory.Models.Signing;

namespace EdgeFactory.Models.Packages;

/// <summary>Makes a model package: copies the model (and engines), writes the passport and signs its canonical form.</summary>
public static class PackageWriter
{
    /// <summary>Writes the package of <paramref name="modelFile"/> into <paramref name="outputDirectory"/> (which must be empty or absent) and returns its passport.</summary>
    /// <exception cref="IOException">The output directory is not empty, or a file cannot be copied.</exception>
    public static async Task<ModelPassport> WriteAsync(
        string modelFile, PassportDraft draft, SigningKey key, string outputDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        if (Directory.Exists(outputDirectory) && Directory.EnumerateFileSystemEntries(outputDirectory).Any())
        {
            throw new IOException($"{outputDirectory} is not empty; a package is written into an empty directory.");
        }

        Directory.CreateDirectory(outputDirectory);
        var modelName = Path.GetFileName(modelFile);
        var sources = new List<(string Source, string Path)> { (modelFile, modelName) };
        var engines = new List<PassportEngine>();
        foreach (var (deviceType, file) in draft.Engines ?? new Dictionary<string, string>())
        {
            var path = $"engines/{deviceType}{Path.GetExtension(file)}";
            sources.Add((file, path));
            engines.Add(new PassportEngine(deviceType, path));
        }

        var files = new List<PassportFile>();
        foreach (var (source, path) in sources)
        {
            var target = Path.Combine(outputDirectory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            var (sha256, length) = await PackageFiles.HashAsync(target, cancellationToken).ConfigureAwait(false);
            files.Add(new PassportFile(path, sha256, length));
        }

        var created = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var passport = new ModelPassport(
            ModelPassport.CurrentFormat, draft.Name, draft.Version, modelName, files, draft.Inputs, draft.Outputs, draft.Opset, draft.Producer,
            draft.Provenance, draft.Targets, created, created + draft.Lifetime, draft.Evaluation, engines.Count > 0 ? engines : null);
        await WritePassportAsync(passport, key, outputDirectory, cancellationToken).ConfigureAwait(false);
        return passport;
    }

    /// <summary>Writes <paramref name="passport"/> (indented, for people) and its signature into <paramref name="directory"/>.</summary>
    public static async Task WritePassportAsync(ModelPassport passport, SigningKey key, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = Serialize(passport);
        using var document = JsonDocument.Parse(text, CanonicalJson.ReadOptions);
        var signature = key.Sign(CanonicalJson.Encode(document.RootElement));
        await File.WriteAllBytesAsync(Path.Combine(directory, ModelPackageLayout.PassportFile), text, cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(
            Path.Combine(directory, ModelPackageLayout.SignatureFile),
            JsonSerializer.SerializeToUtf8Bytes(signature, ContractsJsonContext.Default.DetachedSignature),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The passport as indented JSON.</summary>
    public static byte[] Serialize(ModelPassport passport)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            JsonSerializer.Serialize(writer, passport, ContractsJsonContext.Default.ModelPassport);
        }

        return stream.ToArray();
    }
}
