using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.MesSimulation;

/// <summary>What an MES saw of one task it submitted.</summary>
public sealed class TrackedTask(string taskId, long submittedAt)
{
    private readonly object _gate = new();

    // Sequences seen: a bit each for the first 64 (every task has far fewer), a set beyond.
    private ulong _seen;
    private HashSet<long>? _seenBeyond;

    /// <summary>Task id.</summary>
    public string TaskId { get; } = taskId;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of the publish.</summary>
    public long SubmittedAt { get; } = submittedAt;

    /// <summary>Timestamp of the first <c>accepted</c> (or rejection), 0 before.</summary>
    public long AnsweredAt { get; private set; }

    /// <summary>Timestamp of the first final status, 0 before.</summary>
    public long FinishedAt { get; private set; }

    /// <summary>First final state seen.</summary>
    public TaskState? Final { get; private set; }

    /// <summary>Error code of the final status, if any.</summary>
    public string? ErrorCode { get; private set; }

    /// <summary>Robot that ran it.</summary>
    public string? RobotId { get; private set; }

    /// <summary>Distinct final statuses (by sequence); more than one means the task ended twice.</summary>
    public int Finals { get; private set; }

    /// <summary>Statuses received again with a sequence already seen (harmless re-deliveries).</summary>
    public int Redelivered { get; private set; }

    /// <summary>Records a status; returns whether it was new.</summary>
    public bool Observe(StatusDigest status, long at)
    {
        lock (_gate)
        {
            // Rejections carry sequence 0 and are never journaled: each one is its own answer.
            if (status.Sequence > 0 && !FirstSight(status.Sequence))
            {
                Redelivered++;
                return false;
            }

            RobotId = status.RobotId ?? RobotId;
            if (AnsweredAt == 0 && status.State is TaskState.Accepted or TaskState.Rejected)
            {
                AnsweredAt = at;
            }

            if (status.State.IsFinal() && !(status.State == TaskState.Rejected && Final is not null and not TaskState.Rejected))
            {
                Finals++;
                if (Final is null)
                {
                    (Final, ErrorCode, FinishedAt) = (status.State, status.ErrorCode, at);
                }
            }

            return true;
        }
    }

    private bool FirstSight(long sequence)
    {
        if (sequence < 64)
        {
            var bit = 1UL << (int)sequence;
            var fresh = (_seen & bit) == 0;
            _seen |= bit;
            return fresh;
        }

        return (_seenBeyond ??= []).Add(sequence);
    }
}
