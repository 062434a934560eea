using EdgeFactory.MesSimulation;

namespace EdgeFactory.Cli.Commands.Mes;

/// <summary>What <c>mes sim --json</c> prints at the end.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Seconds">How long it submitted (not the span tasks per hour is measured over).</param>
/// <param name="Tally">What it saw.</param>
/// <param name="TasksPerHour">Completed tasks per hour from the first acceptance to the last final status (docs/runtime.md).</param>
internal sealed record MesSimReport(string Site, double Seconds, MesTally Tally, double TasksPerHour);
