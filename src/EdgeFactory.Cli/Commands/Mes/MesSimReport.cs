using EdgeFactory.Runtime.Mes;

namespace EdgeFactory.Cli.Commands.Mes;

/// <summary>What <c>mes sim --json</c> prints at the end.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Seconds">How long it submitted.</param>
/// <param name="Tally">What it saw.</param>
/// <param name="TasksPerHour">Completed tasks per hour over the run.</param>
internal sealed record MesSimReport(string Site, double Seconds, MesTally Tally, double TasksPerHour);
