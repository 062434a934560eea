namespace EdgeFactory.Runtime.Intake;

/// <summary>Short, log-safe renderings of what a submitter sent: a log line must never carry a whole hostile payload.</summary>
internal static class PayloadExcerpt
{
    /// <summary>Bytes shown of a payload.</summary>
    public const int MaxBytes = 64;

    /// <summary>Characters shown of a topic.</summary>
    public const int MaxChars = 160;

    /// <summary>The first <see cref="MaxBytes"/> bytes in hex, with how many more there were.</summary>
    public static string Hex(ReadOnlySpan<byte> payload) =>
        payload.Length <= MaxBytes
            ? Convert.ToHexString(payload)
            : $"{Convert.ToHexString(payload[..MaxBytes])}… (+{payload.Length - MaxBytes:N0} bytes)";

    /// <summary>Text cut to <see cref="MaxChars"/> with control characters escaped, so it cannot forge log lines.</summary>
    public static string Text(string text)
    {
        var cut = text.Length <= MaxChars ? text : text[..MaxChars] + "…";
        return string.Create(cut.Length, cut, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
