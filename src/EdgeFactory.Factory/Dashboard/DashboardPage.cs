namespace EdgeFactory.Factory.Dashboard;

/// <summary>The dashboard's single page, embedded in the assembly so the factory serves it with nothing to deploy.</summary>
public static class DashboardPage
{
    /// <summary>How often an open page's event stream looks for new decisions, rollout changes and telemetry.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>How far back the tasks-per-hour chart reaches.</summary>
    public static readonly TimeSpan ThroughputSpan = TimeSpan.FromMinutes(30);

    /// <summary>Points per version on the chart.</summary>
    public const int Buckets = 60;

    private static readonly Lazy<string> Page = new(Load);

    /// <summary>The page's HTML, with its script and style inline.</summary>
    public static string Html => Page.Value;

    private static string Load()
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("EdgeFactory.Factory.Dashboard.index.html")
            ?? throw new InvalidOperationException("The dashboard page is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
