using System.Text;

namespace EdgeFactory.Robotics.Link;

/// <summary>Fixed-width ASCII fields, zero-padded on the wire.</summary>
internal static class LinkText
{
    /// <summary>Writes <paramref name="text"/> as ASCII into the whole of <paramref name="field"/>, cut to fit and zero-padded.</summary>
    public static void Write(Span<byte> field, string text)
    {
        field.Clear();
        var length = Math.Min(text.Length, field.Length);
        Encoding.ASCII.GetBytes(text.AsSpan(0, length), field);
    }

    /// <summary>The field's text up to its first zero byte; bytes outside printable ASCII read as '?'.</summary>
    public static string Read(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        var text = end < 0 ? field : field[..end];
        return string.Create(text.Length, text.ToArray(), static (chars, bytes) =>
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[i] = bytes[i] is >= 0x20 and < 0x7F ? (char)bytes[i] : '?';
            }
        });
    }
}
