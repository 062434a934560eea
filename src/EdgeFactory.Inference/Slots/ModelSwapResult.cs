namespace EdgeFactory.Inference.Slots;

/// <summary>Outcome of loading a version into a slot: swapped in, or refused with the reason while the old version keeps running.</summary>
/// <param name="Swapped">Whether the new version is now live.</param>
/// <param name="Version">The version that was loaded.</param>
/// <param name="PreviousVersion">The version it replaced (or that keeps running when refused).</param>
/// <param name="Reason">Why it was refused; null when swapped.</param>
/// <param name="ErrorCode">Stable code of the refusal; null when swapped.</param>
/// <param name="LoadTime">Time to build the session.</param>
/// <param name="WarmupTime">Time spent on warm-up runs.</param>
/// <param name="ExecutionProvider">Provider the new version runs on, when it loaded.</param>
/// <param name="ProviderFallbacks">Preferred providers that were skipped, with reasons.</param>
public sealed record ModelSwapResult(
    bool Swapped,
    string Version,
    string? PreviousVersion,
    string? Reason,
    OrtErrorCode? ErrorCode,
    TimeSpan LoadTime,
    TimeSpan WarmupTime,
    ExecutionProviderKind? ExecutionProvider,
    IReadOnlyList<ProviderFallback> ProviderFallbacks);
