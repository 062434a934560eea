using System.Collections.Concurrent;
using System.Threading.Channels;
using EdgeFactory.Mqtt.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Mqtt;

/// <summary>
/// An MQTT 5 client over libmosquitto. Publishes complete when the broker acknowledged them,
/// received messages arrive through a bounded channel, and a lost connection is re-established
/// by libmosquitto's network thread with capped exponential backoff; subscriptions are restored
/// on every reconnect (the broker may have lost the session, e.g. after a restart without persistence).
/// </summary>
public sealed partial class MqttClient : IAsyncDisposable, IMosquittoListener
{
    private readonly MqttClientOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<MqttMessage> _received;
    private readonly PendingOperations _publishes = new();
    private readonly PendingOperations _subscriptions = new();
    private readonly ConcurrentDictionary<string, (MqttQos Qos, MqttSubscribeOptions Options)> _filters = new(StringComparer.Ordinal);
    private readonly object _lifecycle = new();
    private readonly ManualResetEventSlim _stopJitter = new(initialState: false);
    private readonly MqttMessagePool _messagePool;
    private MosquittoConnection? _connection;
    private TaskCompletionSource<int>? _firstConnack;
    private string? _lastLibraryError;
    private bool _libraryLog = true;
    private string? _lastValidTopic;
    private TaskCompletionSource? _disconnected;
    private long _dropped;
    private int _state = (int)MqttConnectionState.Disconnected;
    private bool _disposed;

    /// <summary>Creates a client; nothing connects until <see cref="ConnectAsync"/>.</summary>
    public MqttClient(MqttClientOptions options, ILogger<MqttClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _messagePool = new MqttMessagePool(Math.Min(options.ReceiveCapacity, 4096));
        _received = Channel.CreateBounded<MqttMessage>(new BoundedChannelOptions(options.ReceiveCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Raised on the network thread whenever <see cref="State"/> changes; handlers must not block.</summary>
    public event EventHandler<MqttConnectionState>? StateChanged;

    /// <summary>Current connection state.</summary>
    public MqttConnectionState State => (MqttConnectionState)Volatile.Read(ref _state);

    /// <summary>Messages received on this client's subscriptions, in arrival order.</summary>
    public ChannelReader<MqttMessage> Messages => _received.Reader;

    /// <summary>Messages dropped because the receive queue was full (only with <see cref="MqttReceiveFullMode.DropNewest"/>).</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Whether libmosquitto's log lines reach this client now; for tests.</summary>
    internal bool LibraryLogEnabled => Volatile.Read(ref _libraryLog);

    /// <summary>Entries in the publish acknowledgement table; for leak tests.</summary>
    internal int PendingPublishEntries => _publishes.Occupied;

    /// <summary>The libmosquitto version in use.</summary>
    public static Version LibraryVersion => MosquittoRuntime.LibraryVersion;

    private string Name => _options.ClientId.Length == 0 ? "(broker-assigned)" : _options.ClientId;

    /// <summary>Connects and waits for the broker's CONNACK; throws a typed <see cref="MqttException"/> when refused or unreachable.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        MosquittoConnection connection;
        TaskCompletionSource<int> connack;
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is not null)
            {
                throw new MqttException(MqttErrorCode.InvalidArgument, "The client is already connected or connecting.");
            }

            connack = _firstConnack = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            _stopJitter.Reset();
            _connection = connection = new MosquittoConnection(_options, this);
        }

        SetState(MqttConnectionState.Connecting);
        try
        {
            await Task.Run(() => connection.Connect(_options.Host, _options.Port, _options.KeepAlive, _options.SessionExpiry), cancellationToken).ConfigureAwait(false);
            var reason = await connack.Task.WaitAsync(_options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            if (reason != 0)
            {
                throw MosquittoStatus.ReasonToException(reason, $"the connection of client {Name} to {_options.Host}:{_options.Port}");
            }
        }
        catch (Exception e)
        {
            await AbandonConnectionAsync().ConfigureAwait(false);
            SetState(MqttConnectionState.Disconnected);
            if (e is TimeoutException && IsTlsError(Volatile.Read(ref _lastLibraryError)))
            {
                throw FirstConnectFailure(rc: 8);
            }

            if (e is TimeoutException)
            {
                throw new MqttException(
                    MqttErrorCode.BrokerUnreachable,
                    $"No answer from the MQTT broker at {_options.Host}:{_options.Port} within {_options.ConnectTimeout.TotalSeconds:0.#} s. Check that the broker runs and the address, port and TLS settings are right.",
                    e);
            }

            throw;
        }
    }

    /// <summary>Publishes a message; completes once the broker acknowledged it (QoS 1 PUBACK, QoS 2 PUBCOMP) or at once for QoS 0.</summary>
    public ValueTask PublishAsync(
        string topic,
        ReadOnlyMemory<byte> payload,
        MqttQos qos,
        bool retain = false,
        MqttMessageProperties? properties = null,
        CancellationToken cancellationToken = default)
    {
        // Publishers reuse their topic strings: validate each new one once.
        if (!ReferenceEquals(topic, _lastValidTopic))
        {
            MqttTopic.ValidateTopicName(topic);
            _lastValidTopic = topic;
        }

        var connection = ActiveConnection();
        if (State != MqttConnectionState.Connected && (qos == MqttQos.AtMostOnce || _options.OfflinePublishing == MqttOfflinePublishing.FailFast))
        {
            throw new MqttException(MqttErrorCode.NotConnected, $"Not connected to {_options.Host}:{_options.Port}; the publish to '{topic}' was not sent.");
        }

        if (qos != MqttQos.AtMostOnce && _publishes.Waiting >= _options.MaxPendingPublishes)
        {
            throw new MqttException(MqttErrorCode.QueueFull, $"{_publishes.Waiting} publishes are waiting for the broker (limit {_options.MaxPendingPublishes}); the publish to '{topic}' was refused.");
        }

        var mid = connection.Publish(topic, payload.Span, qos, retain, properties);
        if (qos == MqttQos.AtMostOnce)
        {
            _publishes.Ignore(mid);
            return ValueTask.CompletedTask;
        }

        var acknowledged = _publishes.RegisterPublish(mid, topic);
        return cancellationToken.CanBeCanceled ? new ValueTask(acknowledged.AsTask().WaitAsync(cancellationToken)) : acknowledged;
    }

    /// <summary>Subscribes and waits for the broker's grant; the subscription is restored after every reconnect.</summary>
    public async Task SubscribeAsync(string filter, MqttQos qos, MqttSubscribeOptions? options, CancellationToken cancellationToken)
    {
        MqttTopic.ValidateFilter(filter);
        options ??= MqttSubscribeOptions.Default;
        var connection = ActiveConnection();
        _filters[filter] = (qos, options);
        var granted = await _subscriptions.RegisterSubscription(connection.Subscribe(filter, qos, options)).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (granted >= 0x80)
        {
            _filters.TryRemove(filter, out _);
            throw MosquittoStatus.ReasonToException(granted, $"the subscription to '{filter}'");
        }
    }

    /// <summary>Disconnects cleanly: the broker discards the will. Pending QoS ≥ 1 publishes that were not acknowledged fail.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        MosquittoConnection? connection;
        TaskCompletionSource disconnected;
        lock (_lifecycle)
        {
            connection = _connection;
            if (connection is null)
            {
                return;
            }

            disconnected = _disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (connection.Disconnect() == MosquittoStatus.Success)
        {
            // The broker closes the socket after DISCONNECT; wait for that so queued packets went out.
            await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }

        await AbandonConnectionAsync().ConfigureAwait(false);
        SetState(MqttConnectionState.Disconnected);
    }

    /// <summary>Disconnects if connected and releases the native client.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lifecycle)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        try
        {
            await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The broker did not answer the DISCONNECT in time; the socket is closed below regardless.
        }

        await AbandonConnectionAsync().ConfigureAwait(false);
        var disposed = new MqttException(MqttErrorCode.Disposed, "The MQTT client was disposed before the broker acknowledged the operation.");
        _publishes.FailAll(disposed);
        _subscriptions.FailAll(disposed);
        _received.Writer.TryComplete();
        _stopJitter.Dispose();
    }

    private MosquittoConnection ActiveConnection()
    {
        lock (_lifecycle)
        {
            if (_disposed)
            {
                throw new MqttException(MqttErrorCode.Disposed, "The MQTT client has been disposed.");
            }

            return _connection ?? throw new MqttException(MqttErrorCode.NotConnected, "The MQTT client is not connected; call ConnectAsync first.");
        }
    }

    private Task AbandonConnectionAsync()
    {
        MosquittoConnection? connection;
        lock (_lifecycle)
        {
            connection = _connection;
            _connection = null;
            _firstConnack = null;
            _disconnected = null;
        }

        if (connection is null)
        {
            return Task.CompletedTask;
        }

        // Wakes a reconnect jitter wait so the network thread can be joined at once.
        _stopJitter.Set();

        // Joining the network thread blocks; keep it off the caller's thread.
        return Task.Run(() =>
        {
            connection.Disconnect();
            connection.Dispose();
        });
    }

    private void SetState(MqttConnectionState state)
    {
        if (Interlocked.Exchange(ref _state, (int)state) != (int)state)
        {
            StateChanged?.Invoke(this, state);
        }
    }
}
