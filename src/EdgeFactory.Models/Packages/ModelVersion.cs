using System.Globalization;

namespace EdgeFactory.Models.Packages;

/// <summary>A semantic version (MAJOR.MINOR.PATCH[-pre], no build metadata), ordered by semantic-version precedence.</summary>
public sealed class ModelVersion : IComparable<ModelVersion>, IEquatable<ModelVersion>
{
    private readonly string[] _prerelease;

    private ModelVersion(string text, long major, long minor, long patch, string[] prerelease)
    {
        Text = text;
        Major = major;
        Minor = minor;
        Patch = patch;
        _prerelease = prerelease;
    }

    /// <summary>The version as written.</summary>
    public string Text { get; }

    /// <summary>Major number.</summary>
    public long Major { get; }

    /// <summary>Minor number.</summary>
    public long Minor { get; }

    /// <summary>Patch number.</summary>
    public long Patch { get; }

    /// <summary>Reads a version; false when <paramref name="text"/> is not one.</summary>
    public static bool TryParse(string? text, out ModelVersion version)
    {
        version = null!;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var core = (dash < 0 ? text : text[..dash]).Split('.');
        string[] pre = dash < 0 ? [] : text[(dash + 1)..].Split('.');
        if (core.Length != 3 || !TryNumber(core[0], out var major) || !TryNumber(core[1], out var minor) || !TryNumber(core[2], out var patch))
        {
            return false;
        }

        foreach (var identifier in pre)
        {
            if (identifier.Length == 0 || !identifier.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        version = new ModelVersion(text, major, minor, patch, pre);
        return true;
    }

    /// <summary>Reads a version or throws <see cref="FormatException"/>.</summary>
    public static ModelVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a semantic version (MAJOR.MINOR.PATCH[-pre]).");

    /// <inheritdoc/>
    public int CompareTo(ModelVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Major.CompareTo(other.Major);
        c = c != 0 ? c : Minor.CompareTo(other.Minor);
        c = c != 0 ? c : Patch.CompareTo(other.Patch);
        if (c != 0)
        {
            return c;
        }

        // A release ranks above its pre-releases; pre-releases compare identifier by identifier.
        if (_prerelease.Length == 0 || other._prerelease.Length == 0)
        {
            return _prerelease.Length == 0 ? (other._prerelease.Length == 0 ? 0 : 1) : -1;
        }

        for (var i = 0; i < Math.Min(_prerelease.Length, other._prerelease.Length); i++)
        {
            c = CompareIdentifier(_prerelease[i], other._prerelease[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return _prerelease.Length.CompareTo(other._prerelease.Length);
    }

    /// <inheritdoc/>
    public bool Equals(ModelVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ModelVersion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, string.Join('.', _prerelease));

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Whether <paramref name="left"/> ranks below <paramref name="right"/>.</summary>
    public static bool operator <(ModelVersion left, ModelVersion right) => left is null ? right is not null : left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> ranks above <paramref name="right"/>.</summary>
    public static bool operator >(ModelVersion left, ModelVersion right) => left is not null && left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> ranks at or below <paramref name="right"/>.</summary>
    public static bool operator <=(ModelVersion left, ModelVersion right) => !(left > right);

    /// <summary>Whether <paramref name="left"/> ranks at or above <paramref name="right"/>.</summary>
    public static bool operator >=(ModelVersion left, ModelVersion right) => !(left < right);

    /// <summary>Whether both are the same version.</summary>
    public static bool operator ==(ModelVersion? left, ModelVersion? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether they differ.</summary>
    public static bool operator !=(ModelVersion? left, ModelVersion? right) => !(left == right);

    private static int CompareIdentifier(string a, string b)
    {
        var aNumeric = a.All(char.IsAsciiDigit);
        var bNumeric = b.All(char.IsAsciiDigit);
        return (aNumeric, bNumeric) switch
        {
            (true, true) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(a, b) switch { < 0 => -1, > 0 => 1, _ => 0 },
        };
    }

    private static bool TryNumber(string text, out long value)
    {
        value = 0;
        return text.Length is > 0 and <= 9 && (text == "0" || text[0] != '0') && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
