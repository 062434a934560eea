using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Schemas;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Telemetry;
using EdgeFactory.Testing;

namespace EdgeFactory.Contracts.Tests.Schemas;

public sealed class ContractSchemasTests
{
    public static TheoryData<string, Type> SchemaRecords() => new()
    {
        { "task-submit.schema.json", typeof(TaskSubmitMessage) },
        { "task-cancel.schema.json", typeof(TaskCancelMessage) },
        { "task-status.schema.json", typeof(TaskStatusMessage) },
        { "robot-state.schema.json", typeof(RobotStateMessage) },
        { "device-online.schema.json", typeof(DeviceOnlineMessage) },
        { "model-passport.schema.json", typeof(ModelPassport) },
        { "desired-state.schema.json", typeof(DesiredModelSetMessage) },
        { "revocation-list.schema.json", typeof(RevocationListMessage) },
        { "telemetry-window.schema.json", typeof(TelemetryWindowMessage) },
    };

    [Theory]
    [MemberData(nameof(SchemaRecords))]
    public void Examples_ConformAndDeserialize(string file, Type record)
    {
        var schema = Schema(file);
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Of("docs", "contracts", file)));
        var examples = document.RootElement.GetProperty("examples").EnumerateArray().ToList();
        Assert.NotEmpty(examples);

        foreach (var example in examples)
        {
            Assert.Empty(schema.Validate(example));
            var info = ContractsJsonContext.Default.GetTypeInfo(record)!;
            var message = example.Deserialize(info);
            Assert.NotNull(message);

            // What the records write for a documented example conforms too.
            using var written = JsonDocument.Parse(JsonSerializer.Serialize(message, info));
            Assert.Empty(schema.Validate(written.RootElement));
        }
    }

    [Theory]
    [MemberData(nameof(SchemaRecords))]
    public void Properties_MatchTheRecord(string file, Type record)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Of("docs", "contracts", file)));
        var schemaProperties = document.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToArray();
        var schemaRequired = document.RootElement.GetProperty("required").EnumerateArray().Select(p => p.GetString()!).Order().ToArray();
        var info = ContractsJsonContext.Default.GetTypeInfo(record)!;

        Assert.Equal(info.Properties.Select(p => p.Name).Order().ToArray(), schemaProperties);
        Assert.Equal(RequiredByRecord(record, info), schemaRequired);
    }

    [Fact]
    public void ErrorCodes_InStatusSchema_AreExactlyTheConstants()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Of("docs", "contracts", "task-status.schema.json")));
        var inSchema = document.RootElement.GetProperty("properties").GetProperty("error").GetProperty("properties").GetProperty("code")
            .GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order().ToArray();
        var constants = typeof(TaskErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!).Order().ToArray();

        Assert.Equal(constants, inSchema);
    }

    [Theory]
    [InlineData("{}", "is missing required property 'taskId'")]
    [InlineData("""{"taskId":"WO-1"}""", "is missing required property 'taskType'")]
    [InlineData("""{"taskId":42,"taskType":"pick_place"}""", "/taskId: must be of type string, not number")]
    [InlineData("""{"taskId":"WO-1","taskType":"pick_place","priority":"high"}""", "/priority: must be of type integer, not string")]
    [InlineData("""{"taskId":"WO-1","taskType":"pick_place","priority":10}""", "/priority: must be at most 9, not 10")]
    [InlineData("""{"taskId":"WO-1","taskType":"pick_place","priority":1.5}""", "/priority: must be of type integer, not number")]
    [InlineData("""{"taskId":"WO/1","taskType":"pick_place"}""", "/taskId: 'WO/1' does not match")]
    [InlineData("""{"taskId":"WO-1","taskType":"pick_place","robot":"cell-1"}""", "has unknown property 'robot'")]
    [InlineData("""{"taskId":"WO-1","taskType":"pick_place","deadline":"tomorrow"}""", "/deadline: 'tomorrow' is not a valid date-time")]
    [InlineData("""{"taskId":"WO-1","taskType":"pick_place","parameters":{"Bad Name":1}}""", "/parameters/Bad Name: 'Bad Name' does not match")]
    [InlineData("""{"taskId":"WO-1","taskType":"pick_place","parameters":{"part":{"nested":true}}}""", "/parameters/part: must be of type string or number or boolean, not object")]
    [InlineData("[1,2]", "must be of type object, not array")]
    public void TaskSubmit_Invalid_NamesTheProblem(string json, string expected)
    {
        var errors = Validate(ContractSchemas.TaskSubmit, json);

        Assert.Contains(errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TaskSubmit_OversizedStrings_AreRejected()
    {
        var longId = new string('a', 65);
        var longValue = new string('x', 257);

        Assert.Contains(Validate(ContractSchemas.TaskSubmit, $$"""{"taskId":"{{longId}}","taskType":"pick_place"}"""), e => e.Path == "/taskId" && e.Message.Contains("at most 64", StringComparison.Ordinal));
        Assert.Contains(Validate(ContractSchemas.TaskSubmit, "{\"taskId\":\"a\",\"taskType\":\"pick_place\",\"parameters\":{\"note\":\"" + longValue + "\"}}"), e => e.Path == "/parameters/note");
    }

    [Fact]
    public void TaskSubmit_TooManyParameters_IsRejected()
    {
        var parameters = string.Join(",", Enumerable.Range(0, 33).Select(i => $"\"p{i}\":{i}"));

        Assert.Contains(Validate(ContractSchemas.TaskSubmit, "{\"taskId\":\"a\",\"taskType\":\"t\",\"parameters\":{" + parameters + "}}"), e => e.Message.Contains("at most 32 properties", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"taskId":"WO-1","state":"rejected","sequence":1,"at":"2026-11-22T13:00:00Z"}""", "is missing required property 'error'")]
    [InlineData("""{"taskId":"WO-1","state":"step","sequence":1,"at":"2026-11-22T13:00:00Z"}""", "is missing required property 'step'")]
    [InlineData("""{"taskId":"WO-1","state":"done","sequence":1,"at":"2026-11-22T13:00:00Z"}""", "/state: must be one of")]
    [InlineData("""{"taskId":"WO-1","state":"accepted","sequence":-1,"at":"2026-11-22T13:00:00Z"}""", "/sequence: must be at least 0")]
    [InlineData("""{"taskId":"WO-1","state":"failed","sequence":3,"at":"2026-11-22T13:00:00Z","error":{"code":"boom","message":"x"}}""", "/error/code: must be one of")]
    public void TaskStatus_Invalid_NamesTheProblem(string json, string expected)
    {
        Assert.Contains(Validate(ContractSchemas.TaskStatus, json), e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"robotId":"cell-1","kind":"Fork Lift","mode":"idle","at":"2026-11-22T13:00:00Z"}""", "/kind: 'Fork Lift' does not match")]
    [InlineData("""{"robotId":"cell-1","kind":"conveyor","mode":"sleeping","at":"2026-11-22T13:00:00Z"}""", "/mode: must be one of")]
    [InlineData("""{"robotId":"cell-1","kind":"conveyor","mode":"idle"}""", "is missing required property 'at'")]
    public void RobotState_Invalid_NamesTheProblem(string json, string expected)
    {
        Assert.Contains(Validate(ContractSchemas.RobotState, json), e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    private const string Window = """{"deviceId":"j1","siteId":"s","sequence":1,"windowStart":"2026-11-26T13:00:00Z","windowEnd":"2026-11-26T13:00:10Z","robots":[],"emergencyStops":0,"backlog":0""";

    [Theory]
    [InlineData(Window + "}", null)]
    [InlineData("""{"deviceId":"j1","siteId":"s","windowStart":"2026-11-26T13:00:00Z","windowEnd":"2026-11-26T13:00:10Z","robots":[],"emergencyStops":0,"backlog":0}""", "is missing required property 'sequence'")]
    [InlineData("""{"deviceId":"j1","siteId":"s","sequence":0,"windowStart":"2026-11-26T13:00:00Z","windowEnd":"2026-11-26T13:00:10Z","robots":[],"emergencyStops":0,"backlog":0}""", "/sequence: must be at least 1")]
    [InlineData(Window + ""","summary":{"firstSequence":1,"windows":1}}""", "/summary/windows: must be at least 2")]
    [InlineData("""{"deviceId":"j/1","siteId":"s","sequence":1,"windowStart":"2026-11-26T13:00:00Z","windowEnd":"2026-11-26T13:00:10Z","robots":[],"emergencyStops":0,"backlog":0}""", "/deviceId: 'j/1' does not match")]
    [InlineData("""{"deviceId":"j1","siteId":"s","sequence":1,"windowStart":"2026-11-26T13:00:00Z","windowEnd":"2026-11-26T13:00:10Z","robots":[{"robotId":"c1","modelVersion":"none","tasksCompleted":-1,"tasksFailed":0,"tasksPerHour":0,"safetyClamps":0}],"emergencyStops":0,"backlog":0}""", "/robots/0/tasksCompleted: ")]
    public void TelemetryWindow_Invalid_NamesTheProblem(string json, string? expected)
    {
        var errors = Validate(ContractSchemas.TelemetryWindow, json);

        if (expected is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("""{"taskId":"WO-1","reason":5}""", "/reason: must be of type string")]
    [InlineData("""{"reason":"x"}""", "is missing required property 'taskId'")]
    public void TaskCancel_Invalid_NamesTheProblem(string json, string expected)
    {
        Assert.Contains(Validate(ContractSchemas.TaskCancel, json), e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"type":"object","maxLenght":3}""", "maxLenght")]
    [InlineData("""{"properties":{"a":{"type":"string","pattren":"^a$"}}}""", "/properties/a/pattren")]
    [InlineData("""{"$ref":"https://elsewhere.example/schema.json"}""", "elsewhere.example")]
    public void Parse_UnknownKeywordOrUnresolvableReference_ThrowsNamingIt(string schema, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ContractSchema.Parse("test.schema.json", schema));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a":1,"b":2}""", "has unknown property 'b'")]
    [InlineData("""{"a":"x@example.com","c":[1,1]}""", "/c: ")]
    public void Validate_KeywordsBeyondTheContractFiles_AreEnforced(string json, string expected)
    {
        var schema = ContractSchema.Parse("test.schema.json", """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "properties":{"a":{"type":["integer","string"],"format":"email"},"c":{"type":"array","uniqueItems":true}},
             "unevaluatedProperties":false}
            """);

        Assert.Contains(Validate(schema, json), e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    private static IReadOnlyList<SchemaViolation> Validate(ContractSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        return schema.Validate(document.RootElement);
    }

    private static ContractSchema Schema(string file) => ContractSchemas.All.Single(s => s.Name == file);

    // Required in JSON = a constructor parameter without a default and not nullable.
    private static string[] RequiredByRecord(Type record, JsonTypeInfo info)
    {
        var constructor = record.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var nullability = new NullabilityInfoContext();
        var required = constructor.GetParameters()
            .Where(p => !p.HasDefaultValue && nullability.Create(p).WriteState != NullabilityState.Nullable && Nullable.GetUnderlyingType(p.ParameterType) is null)
            .Select(p => info.Properties.Single(j => string.Equals(j.Name, p.Name, StringComparison.OrdinalIgnoreCase)).Name);
        return required.Order().ToArray();
    }
}
