using System.Collections.Frozen;

namespace EdgeFactory.Runtime.Journal;

/// <summary>The <c>tasks</c> table's columns, named once: the schema, the writer's statements and the reader use these.</summary>
internal static class TaskColumns
{
    public const string TaskId = "task_id";
    public const string AcceptOrder = "accept_order";
    public const string ContentHash = "content_hash";
    public const string SubmitJson = "submit_json";
    public const string RobotId = "robot_id";
    public const string State = "state";
    public const string Step = "step";
    public const string Sequence = "sequence";
    public const string Final = "final";
    public const string ResponseTopic = "response_topic";
    public const string Correlation = "correlation";
    public const string AcceptedAt = "accepted_at";
    public const string UpdatedAt = "updated_at";
    public const string LastStatus = "last_status";

    /// <summary>What a <see cref="JournaledTask"/> is read from.</summary>
    public static readonly string[] Read = [TaskId, AcceptOrder, ContentHash, SubmitJson, RobotId, State, Step, Sequence, ResponseTopic, Correlation, AcceptedAt, LastStatus];

    /// <summary><see cref="Read"/> as a select list.</summary>
    public static readonly string ReadList = string.Join(", ", Read);

    private static readonly FrozenDictionary<string, int> Ordinals = Read.Select((c, i) => (c, i)).ToFrozenDictionary(p => p.c, p => p.i, StringComparer.Ordinal);

    /// <summary>Where <paramref name="column"/> is in a row selected with <see cref="ReadList"/>.</summary>
    public static int Ordinal(string column) => Ordinals[column];
}
