using System.Globalization;
using System.Text;

namespace EdgeFactory.Models.Canonical;

/// <summary>Formats a double the way ECMAScript's <c>Number.prototype.toString</c> does (ECMA-262 Number::toString), as RFC 8785 requires.</summary>
public static class EcmaScriptNumber
{
    /// <summary>The ECMAScript text of a finite <paramref name="value"/>.</summary>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite numbers have a JSON form.");
        }

        if (value == 0)
        {
            return "0";
        }

        if (value < 0)
        {
            return "-" + Format(-value);
        }

        // .NET's round-trip text holds the shortest digits that read back as the same double; only the layout differs.
        var (digits, n) = Decompose(value.ToString("R", CultureInfo.InvariantCulture));
        var k = digits.Length;
        var text = new StringBuilder(k + 8);
        if (k <= n && n <= 21)
        {
            text.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            text.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            text.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            text.Append(digits[0]);
            if (k > 1)
            {
                text.Append('.').Append(digits, 1, k - 1);
            }

            var exponent = n - 1;
            text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Splits .NET's text (<c>123.45</c>, <c>1.5E-07</c>) into significant digits and n, where value = 0.digits × 10^n.</summary>
    private static (string Digits, int N) Decompose(string text)
    {
        var e = text.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var n = (point < 0 ? mantissa.Length : point) + exponent;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..].TrimEnd('0');
        return (digits, n - leading);
    }
}
