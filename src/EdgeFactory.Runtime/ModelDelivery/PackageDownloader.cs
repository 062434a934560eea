using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Models;
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
            var (passportBytes, signatureBytes) = await FetchPassportAsync(baseUri, cancellationToken).ConfigureAwait(false);

            // Parsed and put in canonical form once: the pin (hash_mismatch) is checked first, then the signature and policy.
            var verdict = _verifier.VerifyPinnedPassport(passportBytes, signatureBytes, assignment.Sha256, policy);
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

            // A few kilobytes each: written in place rather than through a thread-pool hop per file.
            File.WriteAllBytes(Path.Combine(directory, ModelPackageLayout.PassportFile), passportBytes);
            File.WriteAllBytes(Path.Combine(directory, ModelPackageLayout.SignatureFile), signatureBytes);

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

    // The registry sends the detached signature with the passport (a header, base64); without that header it is fetched
    // on its own. Either way it is checked the same way, by this edge, against its own trusted keys.
    private async Task<(byte[] Passport, byte[] Signature)> FetchPassportAsync(Uri baseUri, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(baseUri, ModelPackageLayout.PassportFile), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var passport = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues(ModelPackageLayout.SignatureHeader, out var values))
        {
            return (passport, Decode(string.Concat(values)));
        }

        return (passport, await _http.GetByteArrayAsync(new Uri(baseUri, ModelPackageLayout.SignatureFile), cancellationToken).ConfigureAwait(false));
    }

    // Not base64: an empty signature document, which the verifier refuses as malformed.
    private static byte[] Decode(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static bool BlobName(string sha256) => sha256 is { Length: 64 } && sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    // ENOSPC (28) and EDQUOT (122) as the runtime reports them.
    private static bool IsDiskFull(IOException e) => (e.HResult & 0xFFFF) is 28 or 122 || e.Message.Contains("No space left", StringComparison.Ordinal);
}
