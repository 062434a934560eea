using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Schemas;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Intake;
using EdgeFactory.Testing;
using EdgeFactory.Testing.Fuzzing;

namespace EdgeFactory.Runtime.Tests.Intake;

public sealed class TaskSubmitReaderTests
{
    private static readonly JsonNode?[] Values =
    [
        null, true, false, -1, 0, 1, 5, 9, 10, 1.5, 300, -0.0, "", "text", "a b", "cell-1", "Cell_1.a:b", "-x", "pick_place", "Index", "index-2",
        "\u00e9t\u00e9", "tab\there", "quote\"d", "\ud83e\udd16", new string('x', 64), new string('x', 65), new string('y', 256), new string('y', 257),
        new string('\u00e9', 256), new string('\u00e9', 257), "2026-11-26T13:00:00Z", "2026-11-26T13:00:00", "2026-11-26", "2026-11-26T13:00:00.1234567+01:00",
        "2026-11-26t13:00:00z", "2026-13-26T13:00:00Z", "2026-02-30T13:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T13:00:60Z", "2026-11-26T13:00:00+14:30",
        new JsonObject(), new JsonArray(), new JsonArray(1, "two"), new JsonObject { ["pitches"] = 1 }, new JsonObject { ["Pitches"] = 1 },
    ];

    private static readonly string[] Names =
    [
        "pitches", "part", "a", "from_bin", "b_2", "9x", "_x", "x-y", "x y", "Part", "", new string('p', 32), new string('p', 33), "\u00e9t\u00e9", "taskId",
    ];

    private static readonly string[] Numbers = ["2.0", "1e2", "-0", "1e400", "1e-400", "-1e-400", "9223372036854775808", "0.5", "1E+2", "-5", "5.0", "50"];

    private static readonly string[] Escapes = ["\\u0061", "\\/", "\\u00e9", "\\ud800", "\\udc00x", "\\ud83e\\udd16", "\\n", "\\u002B"];

    // Besides the shared mutations: an escape inside a string or a name (some stand for text the rules allow, some for
    // none), and 33 parameters.
    private static readonly JsonMutation Mutations = new(
        Values,
        Numbers,
        random => (Names[random.Next(Names.Length)], Values[random.Next(Values.Length)]?.DeepClone()),
        [" {}", "//", " "],
        (node, _, random) => Escape(node.ToJsonString(), Escapes[random.Next(Escapes.Length)], random),
        (_, target, _) =>
        {
            for (var i = 0; i < 33; i++)
            {
                target["p" + i.ToString(CultureInfo.InvariantCulture)] = i;
            }

            return null;
        });

    [Fact]
    public void TryRead_TheContractsSubmissions_ReadsThemAsTheDeserialiserDoes()
    {
        foreach (var text in Submissions())
        {
            var bytes = Encoding.UTF8.GetBytes(text);

            Assert.True(TaskSubmitReader.TryRead(bytes, out var read), text);
            Assert.Equal(Text(JsonSerializer.Deserialize(bytes, ContractsJsonContext.Default.TaskSubmitMessage)!), Text(read));
        }
    }

    [Fact]
    public void TryRead_MutatedSubmissions_TakesOnlyWhatTheSchemaAccepts_AndReadsItAsTheDeserialiserDoes()
    {
        var random = new Random(20261127);
        var examples = Submissions().ToArray();
        var (taken, refused) = (0, 0);
        for (var n = 0; n < 6000; n++)
        {
            var text = examples[random.Next(examples.Length)];
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                text = Mutations.Apply(text, random);
            }

            var bytes = Encoding.UTF8.GetBytes(text);
            if (!TaskSubmitReader.TryRead(bytes, out var read))
            {
                refused++;
                continue;
            }

            taken++;
            using var document = JsonDocument.Parse(bytes);
            Assert.True(ContractSchemas.TaskSubmit.Validate(document.RootElement).Count == 0, $"taken but invalid by the schema: {text}");
            Assert.Equal(Text(JsonSerializer.Deserialize(bytes, ContractsJsonContext.Default.TaskSubmitMessage)!), Text(read));
        }

        // Both sides of the line are exercised.
        Assert.True(taken > 500 && refused > 500, $"{taken} taken, {refused} refused");
    }

    [Fact]
    public void TryRead_MutatedCancels_TakesOnlyWhatTheSchemaAccepts_AndReadsItAsTheDeserialiserDoes()
    {
        var random = new Random(20261127);
        string[] examples = ["""{"taskId":"WO-1001-3","reason":"order withdrawn"}""", """{"taskId":"t1"}""", """{"reason":"","taskId":"a.b:c_d-e"}"""];
        var (taken, refused) = (0, 0);
        for (var n = 0; n < 3000; n++)
        {
            var text = examples[random.Next(examples.Length)];
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                text = Mutations.Apply(text, random);
            }

            var bytes = Encoding.UTF8.GetBytes(text);
            if (!TaskCancelReader.TryRead(bytes, out var read))
            {
                refused++;
                continue;
            }

            taken++;
            using var document = JsonDocument.Parse(bytes);
            Assert.True(ContractSchemas.TaskCancel.Validate(document.RootElement).Count == 0, $"taken but invalid by the schema: {text}");
            var expected = JsonSerializer.Deserialize(bytes, ContractsJsonContext.Default.TaskCancelMessage)!;
            Assert.Equal((expected.TaskId, expected.Reason), (read.TaskId, read.Reason));
        }

        Assert.True(taken > 200 && refused > 200, $"{taken} taken, {refused} refused");
    }

    [Fact]
    public void Submit_PlainSubmission_AllocatesOnlyTheMessage()
    {
        var payload = Encoding.UTF8.GetBytes("""{"taskId":"b1-12345","taskType":"index","robotId":"conveyor-3","priority":5,"parameters":{"pitches":42}}""");
        Assert.IsType<TaskSubmitMessage>(PayloadChecks.Submit(payload, 262_144).Message);

        const int Rounds = 1_000;
        var measured = ThreadAllocations.Measure(() =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                PayloadChecks.Submit(payload, 262_144);
            }
        });

        // The record, its three strings, the parameters' dictionary with its name and value: under 1 KB, where the
        // schema evaluation alone allocated about 15 KB per submission.
        Assert.True(measured.Bytes / Rounds < 1_024, measured.ToString());
    }

    private static IEnumerable<string> Submissions()
    {
        yield return """{"taskId":"WO-1001-3","taskType":"pick_place","robotId":"cell-1","priority":7,"deadline":"2026-11-22T14:00:00Z","parameters":{"part":"bracket-a","from_bin":3,"to_bin":12}}""";
        yield return """{"taskId":"WO-1001-4","taskType":"index"}""";
        yield return """{"taskId":"WO-1001-5","taskType":"transfer","robotId":"conveyor-1","parameters":{"from_station":1,"to_station":4,"speed":1.5}}""";
        yield return """{"taskId":"b1-77","taskType":"index","priority":3,"parameters":{"pitches":42}}""";
        yield return """{"parameters":{},"priority":0,"deadline":"2026-11-22T14:00:00.125+02:00","robotId":"r1","taskType":"inspect","taskId":"Z"}""";
        yield return """{"taskId":"x:y.z_1","taskType":"weld_seam_2","parameters":{"on":true,"off":false,"note":"caf\u00e9","big":1e3,"neg":-2.5}}""";
    }

    private static string Text(TaskSubmitMessage submit) => JsonSerializer.Serialize(submit, ContractsJsonContext.Default.TaskSubmitMessage);

    private static string Escape(string json, string escape, Random random)
    {
        var quotes = Enumerable.Range(0, json.Length).Where(i => json[i] == '"').ToList();
        var at = quotes[random.Next(quotes.Count)] + 1;
        return json[..at] + escape + json[at..];
    }
}
