using System.Text.Json;
using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.MesSimulation;

/// <summary>The fields of a status an MES tallies, read straight off the payload without building the whole message.</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="State">State entered.</param>
/// <param name="Sequence">Per-task sequence (0 for rejections).</param>
/// <param name="RobotId">Robot, when assigned.</param>
/// <param name="ErrorCode">Error code, for rejections and failures.</param>
public readonly record struct StatusDigest(string TaskId, TaskState State, long Sequence, string? RobotId, string? ErrorCode)
{
    /// <summary>Reads a status payload; false when it is not one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out StatusDigest digest)
    {
        digest = default;
        string? taskId = null, robotId = null, errorCode = null;
        TaskState? state = null;
        long sequence = -1;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("taskId"u8) && reader.Read())
                {
                    taskId = reader.GetString();
                }
                else if (reader.ValueTextEquals("state"u8) && reader.Read())
                {
                    state = ParseState(reader.ValueSpan);
                }
                else if (reader.ValueTextEquals("sequence"u8) && reader.Read())
                {
                    sequence = reader.GetInt64();
                }
                else if (reader.ValueTextEquals("robotId"u8) && reader.Read())
                {
                    robotId = reader.GetString();
                }
                else if (reader.ValueTextEquals("error"u8) && reader.Read())
                {
                    errorCode = ReadErrorCode(ref reader);
                }
                else if (reader.Read())
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        if (taskId is null || state is null || sequence < 0)
        {
            return false;
        }

        digest = new StatusDigest(taskId, state.Value, sequence, robotId, errorCode);
        return true;
    }

    private static string? ReadErrorCode(ref Utf8JsonReader reader)
    {
        string? code = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8) && reader.Read())
            {
                code = reader.GetString();
            }
            else if (reader.Read())
            {
                reader.Skip();
            }
        }

        return code;
    }

    private static TaskState? ParseState(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("accepted"u8) => TaskState.Accepted,
        _ when name.SequenceEqual("rejected"u8) => TaskState.Rejected,
        _ when name.SequenceEqual("queued"u8) => TaskState.Queued,
        _ when name.SequenceEqual("started"u8) => TaskState.Started,
        _ when name.SequenceEqual("step"u8) => TaskState.Step,
        _ when name.SequenceEqual("completed"u8) => TaskState.Completed,
        _ when name.SequenceEqual("failed"u8) => TaskState.Failed,
        _ when name.SequenceEqual("cancelled"u8) => TaskState.Cancelled,
        _ => null,
    };
}
