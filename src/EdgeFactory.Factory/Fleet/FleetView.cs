using System.Text.Json;
using System.Threading.Channels;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;

namespace EdgeFactory.Factory.Fleet;

/// <summary>
/// The factory's picture of its edges, built from their retained presence and reported-state messages. Malformed
/// messages are counted and change nothing. Watchers (the dashboard's event streams) are told of each change; a slow
/// watcher misses intermediate revisions, never the latest.
/// </summary>
public sealed class FleetView
{
    private const string Prefix = "ef/v1/";
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Site, string Device), FleetDevice> _devices = [];
    private readonly List<Channel<long>> _watchers = [];
    private readonly TimeProvider _time;
    private long _revision;
    private long _refused;

    /// <summary>Creates an empty view.</summary>
    public FleetView(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>Malformed messages refused so far.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Takes in one message from <c>ef/v1/{site}/edges/{device}/online</c> or <c>.../reported</c>; returns whether it changed the view.</summary>
    public bool Apply(string topic, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!TryParseTopic(topic, out var site, out var device, out var leaf))
        {
            return false;
        }

        try
        {
            switch (leaf)
            {
                case "online":
                    var online = payload.IsEmpty ? null : JsonSerializer.Deserialize(payload, ContractsJsonContext.Default.DeviceOnlineMessage);
                    return Change(site, device, d => Presence(d, online));
                case "reported" when !payload.IsEmpty:
                    var reported = JsonSerializer.Deserialize(payload, ContractsJsonContext.Default.ReportedStateMessage) ?? throw new JsonException("A reported state cannot be null.");
                    return Change(site, device, d => Reported(d, reported));
                default:
                    return false;
            }
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _refused);
            return false;
        }
    }

    /// <summary>The fleet now.</summary>
    public FleetSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new FleetSnapshot(_revision, _time.GetUtcNow(),
                [.. _devices.Values.OrderBy(d => d.Site, StringComparer.Ordinal).ThenBy(d => d.Device, StringComparer.Ordinal)], Refused);
        }
    }

    /// <summary>Revisions as they happen, until <paramref name="cancellationToken"/> fires; starts with the current one.</summary>
    public async IAsyncEnumerable<long> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<long>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _watchers.Add(channel);
            channel.Writer.TryWrite(_revision);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var revision))
                {
                    yield return revision;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    private static FleetDevice Presence(FleetDevice device, DeviceOnlineMessage? message) =>
        message is null
            ? device with { Presence = "unknown", Reason = null }
            : device with { Presence = message.Presence.ToString().ToLowerInvariant(), Reason = message.Reason, SoftwareVersion = message.SoftwareVersion };

    private static FleetDevice Reported(FleetDevice device, ReportedStateMessage message) =>
        device with
        {
            Models = message.Models ?? [],
            Healthy = message.Healthy,
            Problems = message.Problems ?? [],
            AppliedRevision = message.AppliedRevision,
            ReportedAt = message.At,
        };

    private bool Change(string site, string device, Func<FleetDevice, FleetDevice> change)
    {
        lock (_gate)
        {
            var before = _devices.TryGetValue((site, device), out var known) ? known : new FleetDevice(site, device, "unknown", null, null, [], true, [], 0, null);
            var after = change(before);
            _devices[(site, device)] = after;
            _revision++;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(_revision);
            }

            return true;
        }
    }

    private static bool TryParseTopic(string topic, out string site, out string device, out string leaf)
    {
        site = device = leaf = string.Empty;
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = topic[Prefix.Length..].Split('/');
        if (parts is not [var s, "edges", var d, var l] || s.Length == 0 || d.Length == 0)
        {
            return false;
        }

        (site, device, leaf) = (s, d, l);
        return true;
    }
}
