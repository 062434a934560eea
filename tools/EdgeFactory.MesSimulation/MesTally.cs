namespace EdgeFactory.MesSimulation;

/// <summary>What an MES run saw, counted.</summary>
/// <param name="Submitted">Tasks published.</param>
/// <param name="Accepted">Tasks the site accepted.</param>
/// <param name="Rejected">Tasks rejected, by error code.</param>
/// <param name="Completed">Tasks completed.</param>
/// <param name="Failed">Tasks failed, by error code.</param>
/// <param name="Cancelled">Tasks cancelled.</param>
/// <param name="Open">Tasks the site answered (accepted) that had no final status yet when the MES stopped waiting: unfinished, not lost.</param>
/// <param name="Lost">Tasks submitted that the site never answered at all.</param>
/// <param name="Duplicated">Tasks that reached more than one final status.</param>
/// <param name="Redelivered">Statuses received twice with the same sequence (dropped, as an MES should).</param>
/// <param name="TasksPerHour">Completed tasks per hour from the first acceptance to the last final status (docs/runtime.md).</param>
public sealed record MesTally(
    int Submitted,
    int Accepted,
    IReadOnlyDictionary<string, int> Rejected,
    int Completed,
    IReadOnlyDictionary<string, int> Failed,
    int Cancelled,
    int Open,
    int Lost,
    int Duplicated,
    int Redelivered,
    double TasksPerHour)
{
    /// <summary>Rejections of any code.</summary>
    public int RejectedTotal => Rejected.Values.Sum();

    /// <summary>Failures of any code.</summary>
    public int FailedTotal => Failed.Values.Sum();
}
