using System.Net;
using System.Net.Http.Headers;
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
/// finally verifies the whole package as it lies on disk.
/// </summary>
public sealed class PackageDownloader
{
    private const string PartialSuffix = ".part";
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
                await FetchAsync(new Uri(baseUri, file.Path), Path.Combine(directory, file.Path), file, cancellationToken).ConfigureAwait(false);
            }

            await File.WriteAllBytesAsync(Path.Combine(directory, ModelPackageLayout.PassportFile), passportBytes, cancellationToken).ConfigureAwait(false);
            await File.WriteAllBytesAsync(Path.Combine(directory, ModelPackageLayout.SignatureFile), signatureBytes, cancellationToken).ConfigureAwait(false);
            var final = await _verifier.VerifyAsync(directory, policy, cancellationToken).ConfigureAwait(false);
            if (!final.MayRun)
            {
                // Bytes that do not match their passport are never kept: the next attempt starts clean.
                Directory.Delete(directory, recursive: true);
            }

            return final;
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

    private async Task FetchAsync(Uri source, string target, PassportFile file, CancellationToken cancellationToken)
    {
        if (File.Exists(target) && new FileInfo(target).Length == file.Length)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + PartialSuffix;
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, source);
        if (have > 0 && have < file.Length)
        {
            // Resume only if the server still has exactly these bytes; otherwise it answers 200 with all of them.
            request.Headers.Range = new RangeHeaderValue(have, null);
            request.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue($"\"{file.Sha256}\""));
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var append = response.StatusCode == HttpStatusCode.PartialContent;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            // Shared, not exclusive: .NET takes an exclusive flock for FileShare.None, and the file may be a device node
            // another process also writes (the disk-full tests stage onto /dev/full); only this agent writes here.
            var output = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            await using (output.ConfigureAwait(false))
            {
                await body.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }
        }

        File.Move(partial, target, overwrite: true);
    }

    private long UsedBytes() =>
        Directory.EnumerateFiles(_staging, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    private static long Present(string directory, ModelPassport passport) => passport.Files.Sum(f =>
    {
        var path = Path.Combine(directory, f.Path);
        return File.Exists(path) ? new FileInfo(path).Length : File.Exists(path + PartialSuffix) ? new FileInfo(path + PartialSuffix).Length : 0;
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
