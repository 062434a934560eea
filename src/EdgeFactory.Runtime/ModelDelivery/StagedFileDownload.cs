using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using EdgeFactory.Contracts.Models;
using Microsoft.Win32.SafeHandles;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>
/// Downloads one package file into staging and hashes each byte once, as it arrives: a resumed file's staged prefix is
/// hashed from disk first, exactly as many bytes as the open file holds, then the rest as it comes off the wire.
/// </summary>
internal static class StagedFileDownload
{
    /// <summary>Suffix of a file still being downloaded.</summary>
    public const string PartialSuffix = ".part";

    // Under the large object heap's 85,000 bytes: a thousand downloads at once rent more buffers than the shared pool
    // keeps, and each 128 KiB one it had to allocate landed on the large object heap and brought on a full collection.
    private const int BufferBytes = 1 << 16;

    /// <summary>
    /// Puts <paramref name="file"/> at <paramref name="target"/> (from <paramref name="source"/>, resuming a partial file) and
    /// returns the SHA-256 of the bytes staged and the length the staged file has on disk, for the passport to check.
    /// </summary>
    public static async Task<(string Sha256, long Length)> FetchAsync(HttpClient http, Uri source, string target, PassportFile file, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            if (File.Exists(target))
            {
                // Left whole by an earlier attempt whose later file failed: hashed once from disk, never downloaded again.
                using var whole = File.OpenHandle(target, FileMode.Open, FileAccess.Read, FileShare.Read);
                var length = RandomAccess.GetLength(whole);
                if (length == file.Length)
                {
                    HashPrefix(whole, length, hash, buffer);
                    return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
                }
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var partial = target + PartialSuffix;
            long staged;

            // Shared, not exclusive: .NET takes an exclusive flock for FileShare.None, and a staged path may be a device node
            // (the disk-full tests stage onto /dev/full) that another process holds a shared lock on; only this agent writes here.
            using (var handle = File.OpenHandle(partial, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read))
            {
                // The length of what the path opens, not of the path: a link's own length is that of its target's name.
                var have = RandomAccess.GetLength(handle);
                using var request = new HttpRequestMessage(HttpMethod.Get, source);
                if (have > 0 && have < file.Length)
                {
                    // Resume only if the server still has exactly these bytes; otherwise it answers 200 with all of them.
                    request.Headers.Range = new RangeHeaderValue(have, null);
                    request.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue($"\"{file.Sha256}\""));
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                long offset = 0;
                if (response.StatusCode == HttpStatusCode.PartialContent)
                {
                    if (response.Content.Headers.ContentRange?.From != have)
                    {
                        throw new HttpRequestException($"{source} resumed at {response.Content.Headers.ContentRange?.From}, not at the {have} bytes staged.");
                    }

                    // Exactly the bytes the file held when it was opened: a read that never ends (a device) cannot stall this.
                    HashPrefix(handle, have, hash, buffer);
                    offset = have;
                }

                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    int read;
                    while (offset <= file.Length && (read = await body.ReadAsync(buffer.AsMemory(0, BufferBytes), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);

                        // Written synchronously: an asynchronous file write on Unix is a synchronous one on another thread.
                        RandomAccess.Write(handle, buffer.AsSpan(0, read), offset);
                        offset += read;
                    }
                }

                if (have > offset)
                {
                    // A full answer (200) over a longer partial file: what lies past the new bytes is not theirs.
                    RandomAccess.SetLength(handle, offset);
                }

                RandomAccess.FlushToDisk(handle);

                // What the file holds now, not what was sent: bytes that did not land (a device node) are not staged.
                staged = RandomAccess.GetLength(handle);
            }

            File.Move(partial, target, overwrite: true);
            return (Convert.ToHexStringLower(hash.GetHashAndReset()), staged);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void HashPrefix(SafeFileHandle handle, long length, IncrementalHash hash, byte[] buffer)
    {
        long offset = 0;
        while (offset < length)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(BufferBytes, length - offset)), offset);
            if (read == 0)
            {
                throw new IOException($"The staged file shrank to {offset} bytes while it was read; it held {length}.");
            }

            hash.AppendData(buffer, 0, read);
            offset += read;
        }
    }
}
