using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeFactory.Factory.Access;

/// <summary>
/// The bearer tokens that may change the factory, kept only as their SHA-256: a tokens file holds one <c>NAME SHA256HEX</c>
/// per line (<c>#</c> starts a comment). A token is 32 random bytes, so a plain hash is as hard to reverse as the token is
/// to guess; the name is who the decision record names.
/// </summary>
public sealed class ApiTokens
{
    private const int TokenBytes = 32;
    private readonly Dictionary<string, string> _namesByHash;

    private ApiTokens(Dictionary<string, string> namesByHash) => _namesByHash = namesByHash;

    /// <summary>How many tokens there are.</summary>
    public int Count => _namesByHash.Count;

    /// <summary>Reads a tokens file; throws <see cref="InvalidDataException"/> naming the file and line of the first problem.</summary>
    public static ApiTokens Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The tokens file '{path}' does not exist; add a token with 'edgefactory factory token new'.");
        }

        var byHash = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts is not [var name, var hash] || Registry.FleetNames.Problem("token", name) is not null || !IsHash(hash))
            {
                throw new InvalidDataException($"{path}:{number}: expected 'NAME SHA256HEX' (a name of letters, digits, '.', '_' or '-', and 64 lower-case hex digits).");
            }

            if (!names.Add(name) || !byHash.TryAdd(hash, name))
            {
                throw new InvalidDataException($"{path}:{number}: the name '{name}' or its token appears twice.");
            }
        }

        return byHash.Count == 0 ? throw new InvalidDataException($"The tokens file '{path}' holds no token; add one with 'edgefactory factory token new'.") : new ApiTokens(byHash);
    }

    /// <summary>The name a presented token belongs to, or null.</summary>
    public string? Find(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _namesByHash.TryGetValue(Hash(token), out var name) ? name : null;
    }

    /// <summary>The hex SHA-256 of a token's UTF-8 bytes: what the tokens file holds.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Makes a new token for <paramref name="name"/>, appends its hash to <paramref name="tokensFile"/> and returns the token (shown once, never stored).</summary>
    public static async Task<string> IssueAsync(string tokensFile, string name, CancellationToken cancellationToken)
    {
        if (Registry.FleetNames.Problem("token", name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        if (File.Exists(tokensFile) && File.ReadLines(tokensFile).Any(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var n, _] && n == name))
        {
            throw new ArgumentException($"'{tokensFile}' already has a token named '{name}'.", nameof(name));
        }

        var token = "eft_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await File.AppendAllTextAsync(tokensFile, string.Create(CultureInfo.InvariantCulture, $"{name} {Hash(token)}\n"), cancellationToken).ConfigureAwait(false);
        return token;
    }

    private static bool IsHash(string text) => text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
