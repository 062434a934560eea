using EdgeFactory.Runtime.Presence;
using Microsoft.Extensions.Hosting;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>The site's presence follows its e-stop: <c>degraded</c> with the reason while it is tripped, <c>online</c> once it is reset.</summary>
internal sealed class EmergencyStopPresence(SiteEmergencyStop emergencyStop, IDeviceHealth health) : IHostedService
{
    private const string Reason = "emergency stop: nothing moves and new tasks are refused until the e-stop is reset on the line";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        emergencyStop.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        emergencyStop.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    // Raised on the button's or the control loop's thread, which must not wait for the broker.
    private void OnChanged(object? sender, bool tripped) =>
        _ = Task.Run(() => tripped ? health.ReportDegradedAsync(Reason, CancellationToken.None) : health.ReportHealthyAsync(CancellationToken.None));
}
