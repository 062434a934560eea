using System.Buffers;
using System.Security.Cryptography;

namespace EdgeFactory.Factory.Blobs;

/// <summary>
/// Files stored under their SHA-256 (<c>sha256/ab/abcdef…</c>). A blob is written to a temporary file, hashed while it
/// arrives, flushed to disk and only then renamed into place, so a reader never sees half of one and a crash leaves at
/// most a temporary file, which the next start removes.
/// </summary>
public sealed class BlobStore
{
    private const int BufferBytes = 1 << 16;
    private readonly string _root;
    private readonly string _incoming;

    /// <summary>Opens the store under <paramref name="directory"/>, removing what an interrupted upload left.</summary>
    public BlobStore(string directory)
    {
        _root = Path.Combine(Path.GetFullPath(directory), "sha256");
        _incoming = Path.Combine(Path.GetFullPath(directory), "incoming");
        Directory.CreateDirectory(_root);
        if (Directory.Exists(_incoming))
        {
            Directory.Delete(_incoming, recursive: true);
        }

        Directory.CreateDirectory(_incoming);
    }

    /// <summary>Whether <paramref name="sha256"/> names a 64-character lower-case hex digest.</summary>
    public static bool IsDigest(string sha256) => sha256 is { Length: 64 } && sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>Path of a stored blob, or null when it is not stored.</summary>
    public string? Find(string sha256) => IsDigest(sha256) && File.Exists(PathOf(sha256)) ? PathOf(sha256) : null;

    /// <summary>Length of a stored blob, or -1.</summary>
    public long LengthOf(string sha256) => Find(sha256) is { } path ? new FileInfo(path).Length : -1;

    /// <summary>Stores <paramref name="content"/> if its SHA-256 is <paramref name="sha256"/> and it is at most <paramref name="maxBytes"/> long.</summary>
    /// <returns>Null when stored (or already there); otherwise why it was refused.</returns>
    public async Task<string?> PutAsync(string sha256, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!IsDigest(sha256))
        {
            return "not a lower-case hex SHA-256";
        }

        var target = PathOf(sha256);
        var temporary = Path.Combine(_incoming, $"{sha256}.{Guid.NewGuid():N}");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);
            await using (file.ConfigureAwait(false))
            {
                long length = 0;
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferBytes), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > maxBytes)
                    {
                        return $"larger than {maxBytes} bytes";
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (actual != sha256)
                {
                    return $"the bytes have SHA-256 {actual}";
                }

                // Durable before visible: the rename must not reach the disk before the data.
                file.Flush(flushToDisk: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temporary, target, overwrite: true);
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256);
}
