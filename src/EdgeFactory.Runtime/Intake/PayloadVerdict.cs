using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// What the checks that need nothing but a payload's bytes found (size, UTF-8, JSON, schema, the contract type): the
/// message it holds, or why it is refused, or what a check threw.
/// </summary>
internal readonly record struct PayloadVerdict
{
    /// <summary>The contract message read from the payload; null when the payload is refused or a check threw.</summary>
    public object? Message { get; private init; }

    /// <summary>The stable code of the refusal; <see cref="TaskErrorCodes.InvalidJson"/> for a payload that is not readable JSON.</summary>
    public string? Code { get; private init; }

    /// <summary>Why it is refused, in words for the MES.</summary>
    public string? Reason { get; private init; }

    /// <summary>The task id the refusal is answered for, where the payload's own id could be read; null otherwise.</summary>
    public string? TaskId { get; private init; }

    /// <summary>What a check threw (a defect, never bad input), answered as <c>internal_error</c>.</summary>
    public Exception? Failure { get; private init; }

    /// <summary>The payload holds <paramref name="message"/>.</summary>
    public static PayloadVerdict Passed(object message) => new() { Message = message };

    /// <summary>The payload is not readable JSON (or not UTF-8, or not decodable text).</summary>
    public static PayloadVerdict Malformed(string reason) => new() { Code = TaskErrorCodes.InvalidJson, Reason = reason };

    /// <summary>The payload is refused with <paramref name="code"/>.</summary>
    public static PayloadVerdict Refused(string? taskId, string code, string reason) => new() { TaskId = taskId, Code = code, Reason = reason };

    /// <summary>A check threw <paramref name="failure"/>.</summary>
    public static PayloadVerdict Threw(Exception failure) => new() { Failure = failure };
}
