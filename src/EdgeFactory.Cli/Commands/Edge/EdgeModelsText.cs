using System.Text;

namespace EdgeFactory.Cli.Commands.Edge;

/// <summary>The tables <c>edge models</c> prints without <c>--json</c>.</summary>
internal static class EdgeModelsText
{
    public static string Format(EdgeModelsReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"site {report.Site}, device {report.Device}, packages in {report.Folder}");
        text.AppendLine(report.StatusAt is { } at ? $"running (status of {at:u}, desired revision {report.AppliedRevision}):" : "running: no status written yet (the edge has not run delivery)");
        foreach (var model in report.Running)
        {
            text.AppendLine($"  {model.Slot,-16} {model.ModelId} {model.Version} on {model.ExecutionProvider}");
        }

        text.AppendLine("installed:");
        foreach (var package in report.Installed)
        {
            var role = package.Slot is null ? "no slot" : package.Current ? $"{package.Slot}, current" : $"{package.Slot}, fallback";
            text.AppendLine($"  {package.ModelId} {package.Version} ({role}) {package.Verdict ?? "verified"} {package.Digest[..Math.Min(12, package.Digest.Length)]}");
        }

        text.AppendLine("refused:");
        foreach (var refusal in report.Refused)
        {
            text.AppendLine($"  {refusal}");
        }

        return text.ToString();
    }
}
