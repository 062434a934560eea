using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Presence;

/// <summary>
/// Notices another client taking the edge's MQTT session. Two clients with one client id take the session from each
/// other on every reconnect, so the edge sees short connections lost again and again, where a broker restart or a
/// network outage shows as one loss followed by failed attempts. <see cref="ShortLosses"/> connections that each ended
/// within <see cref="ShortConnection"/> of their start, inside <see cref="Window"/>, count as a conflict: it is logged
/// as an error naming the client id, and <see cref="Detected"/> fires once so the edge stops accepting tasks and
/// leaves the session to the other client instead of fighting for it. A broker that says so (MQTT 5 reason 0x8E,
/// "session taken over", sent by Mosquitto from 2.0.15 on) makes it a conflict at once.
/// </summary>
internal sealed partial class SessionConflictWatch(
    EdgeRuntimeOptions options,
    MqttClient client,
    TimeProvider time,
    ILogger<SessionConflictWatch> logger) : IDisposable
{
    /// <summary>Short-lived connections that make a conflict.</summary>
    public const int ShortLosses = 3;

    /// <summary>A connection lost sooner than this after it was made counts as short.</summary>
    public static readonly TimeSpan ShortConnection = TimeSpan.FromSeconds(10);

    /// <summary>How recent the short losses must be.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _losses = new();
    private readonly CancellationTokenSource _detected = new();
    private DateTimeOffset? _connectedAt;
    private bool _watching;

    /// <summary>Fires once when a conflict is detected.</summary>
    public CancellationToken Detected => _detected.Token;

    /// <summary>Whether a conflict was detected.</summary>
    public bool IsConflicted => _detected.IsCancellationRequested;

    /// <summary>Starts watching the client's connection (call once it is connected).</summary>
    public void Start()
    {
        lock (_gate)
        {
            _connectedAt = client.State == MqttConnectionState.Connected ? time.GetUtcNow() : null;
            _watching = true;
        }

        client.StateChanged += OnStateChanged;
        client.ConnectionLost += OnConnectionLost;
    }

    /// <summary>Stops watching.</summary>
    public void Dispose()
    {
        client.StateChanged -= OnStateChanged;
        client.ConnectionLost -= OnConnectionLost;
        _detected.Dispose();
    }

    // The broker named the reason: no need to count losses.
    private void OnConnectionLost(object? sender, MqttConnectionLostArguments lost)
    {
        if (!lost.SessionTakenOver)
        {
            return;
        }

        lock (_gate)
        {
            if (!_watching)
            {
                return;
            }

            _watching = false;
        }

        TakenOver(logger, options.Site.SiteId, options.Site.DeviceId, options.ClientId);
        Signal();
    }

    // Raised on the client's network thread: records and decides, never waits.
    private void OnStateChanged(object? sender, MqttConnectionState state)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_watching)
            {
                return;
            }

            if (state == MqttConnectionState.Connected)
            {
                _connectedAt = now;
                return;
            }

            if (state != MqttConnectionState.Reconnecting || _connectedAt is not { } since)
            {
                return;
            }

            _connectedAt = null;
            if (now - since >= ShortConnection)
            {
                return;
            }

            _losses.Enqueue(now);
            while (_losses.Count > 0 && now - _losses.Peek() > Window)
            {
                _losses.Dequeue();
            }

            if (_losses.Count < ShortLosses)
            {
                return;
            }

            _watching = false;
        }

        Conflict(logger, options.Site.SiteId, options.Site.DeviceId, options.ClientId, ShortLosses, Window.TotalSeconds);
        Signal();
    }

    private void Signal()
    {
        // Whoever stops the intake and disconnects does it off this thread.
        _ = Task.Run(() =>
        {
            try
            {
                _detected.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The edge stopped meanwhile.
            }
        });
    }

    [LoggerMessage(2006, LogLevel.Error, "Site {SiteId} device {DeviceId}: another MQTT client with client id '{ClientId}' is taking this edge's session ({Losses} connections lost within seconds of being made in {WindowSeconds} s); most likely a second edge of this site runs on another data directory or host. This edge stops accepting tasks and leaves the broker; stop one of the two, then restart this one")]
    private static partial void Conflict(ILogger logger, string siteId, string deviceId, string clientId, int losses, double windowSeconds);

    [LoggerMessage(2007, LogLevel.Error, "Site {SiteId} device {DeviceId}: the broker says another MQTT client with client id '{ClientId}' took this edge's session (reason 0x8E); most likely a second edge of this site runs on another data directory or host. This edge stops accepting tasks and leaves the broker; stop one of the two, then restart this one")]
    private static partial void TakenOver(ILogger logger, string siteId, string deviceId, string clientId);
}
