namespace EdgeFactory.Contracts.Tasks;

/// <summary>Why a task was rejected or failed: a stable code from <see cref="TaskErrorCodes"/> and a message for people.</summary>
/// <param name="Code">Stable, machine-readable code; MES integrations switch on it.</param>
/// <param name="Message">What happened and what to do about it, for the person reading the MES screen.</param>
public sealed record TaskError(string Code, string Message);
