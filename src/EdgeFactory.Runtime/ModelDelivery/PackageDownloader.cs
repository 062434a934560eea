using System.Security.Cryptography;
using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Models.Canonical;
using EdgeFactory.Models.Packages;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>
/// Stages the package an assignment names: fetches its passport first and refuses it before any model byte moves
/// (wrong digest, signature, revoked, expired, target, rollback, quota), then downloads each file into
/// <c>STAGING/DIGEST/</c>, resuming a partial file with a <c>Range</c> request guarded by the file's strong ETag, and
/// checks each file's length and SHA-256 over the bytes staged, hashed as they arrive (<see cref="StagedFileDownload"/>).
/// </summary>
public sealed class PackageDownloader
{
        private readonly HttpClient _http;
    private readonly PassportVerifier _verifier;
    private readonly string _staging;
    private readonly long _quotaBytes;

    /// <summary>Creates a downloader staging under <paramref name="stagingDirectory"/>, holding at most <paramref name="quotaBytes"/> there.</summary>
    public PackageDownloader(HttpClient http, PassportVerifier verifier, string stagingDirectory, long quotaBytes)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quotaBytes);
        _staging = Path.GetFullPath(stagingDirectory);
        _quotaBytes = quotaBytes;
        Directory.CreateDirectory(_staging);
    }

    /// <summary>Where a package of <paramref name="digest"/> is staged.</summary>
    public string DirectoryOf(string digest) => Path.Combine(_staging, digest);

    /// <summary>Stages and verifies the package of <paramref name="assignment"/>; the verdict says whether it may run, or why not.</summary>
    public async Task<PassportVerdict> StageAsync(ModelAssignment assignment, VerificationPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (!BlobName(assignment.Sha256))
        {
            return new PassportVerdict(PassportErrorCodes.MalformedPassport, $"'{assignment.Sha256}' is not a SHA-256.", null);
        }

        var baseUri = new Uri(assignment.Uri.EndsWith('/') ? assignment.Uri : assignment.Uri + "/");
        var directory = DirectoryOf(assignment.Sha256);
        try
        {
            var passportBytes = await _http.GetByteArrayAsync(new Uri(baseUri, ModelPackageLayout.PassportFile), cancellationToken).ConfigureAwait(false);
            var signatureBytes = await _http.GetByteArrayAsync(new Uri(baseUri, ModelPackageLayout.SignatureFile), cancellationToken).ConfigureAwait(false);
            if (Digest(passportBytes) is not { } digest || digest != assignment.Sha256)
            {
                return new PassportVerdict(PassportErrorCodes.HashMismatch, $"The registry served a passport that is not the one the desired state pins ({assignment.Sha256}).", null);
            }

            var verdict = _verifier.VerifyPassport(passportBytes, signatureBytes, policy);
            if (!verdict.MayRun)
            {
                return verdict;
            }

            var passport = verdict.Passport!;
            var needed = passport.Files.Sum(f => f.Length) - Present(directory, passport);
            if (needed > _quotaBytes - UsedBytes())
            {
                return new PassportVerdict(DeliveryRefusals.DiskQuota, $"{passport.Name} {passport.Version} needs {needed} more bytes; the staging quota leaves {_quotaBytes - UsedBytes()}.", passport);
            }

            Directory.CreateDirectory(directory);
            foreach (var file in passport.Files)
            {
                // The passport's schema keeps every path inside the package (relative, no segment starts with a dot).
                var (sha256, length) = await StagedFileDownload.FetchAsync(_http, new Uri(baseUri, file.Path), Path.Combine(directory, file.Path), file, cancellationToken).ConfigureAwait(false);
                if (PackageFiles.CheckWritten(passport, file, sha256, length) is { } refusal)
                {
                    // Bytes that do not match their passport are never kept: the next attempt starts clean.
                    Directory.Delete(directory, recursive: true);
                    return refusal;
                }
            }

            await File.WriteAllBytesAsync(Path.Combine(directory, ModelPackageLayout.PassportFile), passportBytes, cancellationToken).ConfigureAwait(false);
            await File.WriteAllBytesAsync(Path.Combine(directory, ModelPackageLayout.SignatureFile), signatureBytes, cancellationToken).ConfigureAwait(false);

            // The whole package is verified: the passport (signature, policy) before any model byte moved, and every file's
            // length and SHA-256 over the bytes staged, each byte hashed once as it arrived (a resumed prefix from disk).
            return verdict;
        }
        catch (HttpRequestException e)
        {
            return new PassportVerdict(DeliveryRefusals.DownloadFailed, $"Download from {baseUri} failed: {e.Message}", null);
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            return new PassportVerdict(DeliveryRefusals.DiskFull, $"The disk filled up while staging {assignment.ModelId} {assignment.Version}.", null);
        }
        catch (IOException e)
        {
            return new PassportVerdict(DeliveryRefusals.DownloadFailed, $"Download from {baseUri} broke off: {e.Message}", null);
        }
    }

    private long UsedBytes() =>
        Directory.EnumerateFiles(_staging, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    private static long Present(string directory, ModelPassport passport) => passport.Files.Sum(f =>
    {
        var path = Path.Combine(directory, f.Path);
        return File.Exists(path) ? new FileInfo(path).Length : File.Exists(path + StagedFileDownload.PartialSuffix) ? new FileInfo(path + StagedFileDownload.PartialSuffix).Length : 0;
    });

    private static string? Digest(byte[] passport)
    {
        try
        {
            using var document = JsonDocument.Parse(passport, CanonicalJson.ReadOptions);
            return Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Encode(document.RootElement)));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    private static bool BlobName(string sha256) => sha256 is { Length: 64 } && sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    // ENOSPC (28) and EDQUOT (122) as the runtime reports them.
    private static bool IsDiskFull(IOException e) => (e.HResult & 0xFFFF) is 28 or 122 || e.Message.Contains("No space left", StringComparison.Ordinal);
}
