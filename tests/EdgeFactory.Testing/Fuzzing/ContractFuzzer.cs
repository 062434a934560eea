using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EdgeFactory.Testing.Fuzzing;

/// <summary>
/// Makes hostile variants of the contract examples, deterministically from a seed: structural mutations of the JSON
/// (type swaps, huge numbers, deep nesting, duplicate keys, unicode escapes, oversized strings, missing and unknown
/// fields) and byte mutations of the result (flips, truncation, invalid UTF-8, garbage). Task ids come from a small
/// pool, so idempotency, conflicts and cancels of real tasks are exercised too.
/// </summary>
public sealed class ContractFuzzer
{
    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE], [0xC3, 0x28], [0x80], [0xBF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ];

    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809",
        "1.7976931348623157e309", "0.0000000000000000000000000000000000001", "2.0", "2e0", "-0", "1E+2",
    ];

    private static readonly string[] Escapes = ["\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u0000", "\\uffff", "\\u00ff", "\\u202e", "\\ud800\\ud800", "\\n", "\\/"];

    private readonly List<(string Name, string Json)> _submits;
    private readonly List<(string Name, string Json)> _cancels;
    private readonly List<(string Name, string Json)> _others;
    private readonly Random _random;

    /// <summary>Creates a fuzzer over <paramref name="examples"/> (see <see cref="ContractExamples.Load"/>).</summary>
    public ContractFuzzer(IReadOnlyDictionary<string, IReadOnlyList<string>> examples, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        List<(string, string)> Of(Func<string, bool> which) =>
            examples.Where(e => which(e.Key)).SelectMany(e => e.Value.Select((json, i) => ($"{e.Key}#{i}", json))).ToList();
        _submits = Of(n => n == "task-submit");
        _cancels = Of(n => n == "task-cancel");
        _others = Of(n => n is not "task-submit" and not "task-cancel");
        _random = new Random(seed);
        if (_submits.Count == 0 || _cancels.Count == 0)
        {
            throw new ArgumentException("The examples need at least one task-submit and one task-cancel.", nameof(examples));
        }
    }

    /// <summary>Task ids the fuzzer uses; a test may check what became of them.</summary>
    public static string PoolId(int n) => string.Create(CultureInfo.InvariantCulture, $"fz-{n}");

    /// <summary>The next case.</summary>
    public FuzzCase Next()
    {
        var roll = _random.Next(100);
        var isCancel = roll < 20;
        var (name, json) = isCancel ? Pick(_cancels) : roll < 30 && _others.Count > 0 ? Pick(_others) : Pick(_submits);
        var mutations = new StringBuilder(name);
        var topicTaskId = PoolId(_random.Next(40));
        var node = JsonNode.Parse(json)!;
        if (node is JsonObject root && root.ContainsKey("taskId"))
        {
            // Usually a pool id (so ids repeat), and for cancels usually the topic's id (so the body may agree with it).
            root["taskId"] = isCancel && _random.Next(4) > 0 ? topicTaskId : PoolId(_random.Next(40));
        }

        var text = node.ToJsonString();
        for (var i = 1 + _random.Next(3); i > 0; i--)
        {
            text = MutateText(text, mutations);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (_random.Next(100) < 35)
        {
            bytes = MutateBytes(bytes, mutations);
        }

        return new FuzzCase(isCancel, topicTaskId, bytes, mutations.ToString());
    }

    private (string, string) Pick(List<(string Name, string Json)> list) => list[_random.Next(list.Count)];

    private string MutateText(string json, StringBuilder log)
    {
        switch (_random.Next(11))
        {
            case 0:
                log.Append(" type-swap");
                return Structural(json, (obj, key) => obj[key] = Swap());
            case 1:
                log.Append(" huge-number");
                return ReplaceNumber(json, HugeNumbers[_random.Next(HugeNumbers.Length)]);
            case 2:
                log.Append(" deep-nesting");
                return DeepNesting(json, new[] { 64, 65, 500, 10_000 }[_random.Next(4)]);
            case 3:
                log.Append(" duplicate-key");
                return DuplicateKey(json);
            case 4:
                log.Append(" unicode-escape");
                return InsertInString(json, Escapes[_random.Next(Escapes.Length)]);
            case 5:
                log.Append(" oversized-string");
                var length = new[] { 65, 257, 70_000, 300_000 }[_random.Next(4)];
                return Structural(json, (obj, key) => obj[key] = new string((char)('a' + _random.Next(26)), length));
            case 6:
                log.Append(" drop-field");
                return Structural(json, (obj, key) => obj.Remove(key));
            case 7:
                log.Append(" unknown-field");
                return Structural(json, (obj, _) => obj["x" + _random.Next(1000).ToString(CultureInfo.InvariantCulture)] = Swap());
            case 8:
                log.Append(" empty-parameters");
                return Structural(json, (obj, _) => obj["parameters"] = _random.Next(2) == 0 ? new JsonObject() : null);
            case 9:
                log.Append(" whitespace");
                return json.Replace(",", _random.Next(2) == 0 ? " ,\n\t" : ",\r\n", StringComparison.Ordinal);
            default:
                log.Append(" id-edge");
                return Structural(json, (obj, _) => obj["taskId"] = new[] { string.Empty, "-a", "a/b", "a+#", new string('x', 65), "\u00e9t\u00e9", " ", "WO-1" }[_random.Next(8)]);
        }
    }

    private byte[] MutateBytes(byte[] bytes, StringBuilder log)
    {
        switch (_random.Next(5))
        {
            case 0 when bytes.Length > 0:
                log.Append(" byte-flip");
                var flipped = (byte[])bytes.Clone();
                for (var i = 1 + _random.Next(4); i > 0; i--)
                {
                    flipped[_random.Next(flipped.Length)] ^= (byte)(1 << _random.Next(8));
                }

                return flipped;
            case 1:
                log.Append(" truncate");
                return bytes[.._random.Next(bytes.Length + 1)];
            case 2:
                log.Append(" invalid-utf8");
                var bad = InvalidUtf8[_random.Next(InvalidUtf8.Length)];
                var quote = Array.IndexOf(bytes, (byte)'"', _random.Next(Math.Max(1, bytes.Length)));
                var at = quote < 0 ? _random.Next(bytes.Length + 1) : quote + 1;
                return [.. bytes[..at], .. bad, .. bytes[at..]];
            case 3:
                log.Append(" garbage");
                var garbage = new byte[_random.Next(1, 64)];
                _random.NextBytes(garbage);
                return garbage;
            default:
                log.Append(" empty");
                return [];
        }
    }

    private JsonNode? Swap() => _random.Next(8) switch
    {
        0 => null,
        1 => JsonValue.Create(true),
        2 => JsonValue.Create(_random.Next(-1000, 1000)),
        3 => JsonValue.Create(_random.NextDouble() * 1e6),
        4 => JsonValue.Create("text"),
        5 => new JsonArray(1, "two", null),
        6 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = 1 } },
        _ => JsonValue.Create(string.Empty),
    };

    private string Structural(string json, Action<JsonObject, string> change)
    {
        try
        {
            // Either the top level or, when there is one, the parameters object.
            var node = JsonNode.Parse(json);
            var target = node as JsonObject;
            if (target?["parameters"] is JsonObject parameters && parameters.Count > 0 && _random.Next(2) == 0)
            {
                target = parameters;
            }

            if (target is null || target.Count == 0)
            {
                return json;
            }

            change(target, target.ElementAt(_random.Next(target.Count)).Key);
            return node!.ToJsonString();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            // Already broken by an earlier mutation (duplicate keys, a lone surrogate): leave it as it is.
            return json;
        }
    }

    private string ReplaceNumber(string json, string number)
    {
        var digits = Enumerable.Range(0, json.Length).Where(i => char.IsAsciiDigit(json[i]) && (i == 0 || !char.IsAsciiLetterOrDigit(json[i - 1])) && json[i - 1] is ':' or ' ' or '[' or ',').ToList();
        if (digits.Count == 0)
        {
            return json.Insert(json.Length > 1 ? 1 : 0, $"\"n\":{number},");
        }

        var start = digits[_random.Next(digits.Count)];
        var end = start;
        while (end < json.Length && (char.IsAsciiDigit(json[end]) || json[end] is '.' or 'e' or 'E' or '+' or '-'))
        {
            end++;
        }

        return string.Concat(json.AsSpan(0, start), number, json.AsSpan(end));
    }

    private static string DeepNesting(string json, int depth) =>
        json.Length > 1 && json[0] == '{'
            ? "{\"deep\":" + new string('[', depth) + new string(']', depth) + "," + json[1..]
            : new string('[', depth) + json + new string(']', depth);

    private string DuplicateKey(string json) =>
        json.Length > 1 && json[0] == '{'
            ? "{\"taskId\":\"" + PoolId(_random.Next(40)) + "\"," + json[1..]
            : json;

    private string InsertInString(string json, string escape)
    {
        var quotes = Enumerable.Range(0, json.Length).Where(i => json[i] == '"').ToList();
        if (quotes.Count < 2)
        {
            return json;
        }

        // After an opening quote of a value or a key: the escape lands inside a string either way.
        var at = quotes[_random.Next(quotes.Count / 2) * 2] + 1;
        return json.Insert(at, escape);
    }
}
