using System.Buffers;
using System.Security.Cryptography;
using EdgeFactory.Contracts.Models;

namespace EdgeFactory.Models.Packages;

/// <summary>Checks a package's files against its passport: each length first (a stat), then each SHA-256 in one streaming pass.</summary>
public static class PackageFiles
{
    private const int BufferBytes = 1 << 20;

    /// <summary>A verdict that the package may run when every file of <paramref name="passport"/> in <paramref name="directory"/> matches; otherwise a refusal.</summary>
    public static async ValueTask<PassportVerdict> CheckAsync(string directory, ModelPassport passport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passport);
        var root = Path.GetFullPath(directory);
        foreach (var file in passport.Files)
        {
            var path = Path.GetFullPath(Path.Combine(root, file.Path));
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return PassportVerdict.Refuse(PassportErrorCodes.MalformedPassport, $"{file.Path} leaves the package.", passport);
            }

            var info = new FileInfo(path);
            if (!info.Exists || info.Length != file.Length)
            {
                return PassportVerdict.Refuse(PassportErrorCodes.LengthMismatch, info.Exists
                    ? $"{file.Path} is {info.Length} bytes; the passport says {file.Length}."
                    : $"{file.Path} is missing; the passport says {file.Length} bytes.", passport);
            }
        }

        foreach (var file in passport.Files)
        {
            var (sha256, length) = await HashAsync(Path.Combine(root, file.Path), cancellationToken).ConfigureAwait(false);
            if (length != file.Length)
            {
                return PassportVerdict.Refuse(PassportErrorCodes.LengthMismatch, $"{file.Path} changed length while it was read.", passport);
            }

            if (!string.Equals(sha256, file.Sha256, StringComparison.Ordinal))
            {
                return PassportVerdict.Refuse(PassportErrorCodes.HashMismatch, $"{file.Path} has SHA-256 {sha256}; the passport says {file.Sha256}.", passport);
            }
        }

        return new PassportVerdict(null, $"{passport.Name} {passport.Version} may run.", passport);
    }

    /// <summary>
    /// A refusal (counted like every other) when one file's bytes, hashed while they were written, do not have the length
    /// and SHA-256 that <paramref name="passport"/> lists; null when they do.
    /// </summary>
    public static PassportVerdict? CheckWritten(ModelPassport passport, PassportFile file, string sha256, long length)
    {
        ArgumentNullException.ThrowIfNull(passport);
        ArgumentNullException.ThrowIfNull(file);
        if (length != file.Length)
        {
            return PassportVerdict.Refuse(PassportErrorCodes.LengthMismatch, $"{file.Path} arrived with {length} bytes; the passport says {file.Length}.", passport);
        }

        return string.Equals(sha256, file.Sha256, StringComparison.Ordinal)
            ? null
            : PassportVerdict.Refuse(PassportErrorCodes.HashMismatch, $"{file.Path} arrived with SHA-256 {sha256}; the passport says {file.Sha256}.", passport);
    }

    /// <summary>SHA-256 (lower-case hex) and length of a file, read once with a large buffer.</summary>
    public static async ValueTask<(string Sha256, long Length)> HashAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, BufferSize = 0, Options = FileOptions.SequentialScan });
            await using (stream.ConfigureAwait(false))
            {
                long length = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferBytes), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    length += read;
                }

                return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
