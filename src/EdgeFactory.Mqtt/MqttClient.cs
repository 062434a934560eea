using System.Collections.Concurrent;
using System.Threading.Channels;
using EdgeFactory.Mqtt.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using Net = MQTTnet;

namespace EdgeFactory.Mqtt;

/// <summary>
/// An MQTT 5 client over MQTTnet. Publishes complete when the broker acknowledged them, received messages arrive
/// through a bounded channel, and a lost connection is re-established by a supervising loop with capped exponential
/// backoff plus jitter; subscriptions are sent again whenever the broker kept no session.
/// </summary>
public sealed partial class MqttClient : IAsyncDisposable
{
    private readonly MqttClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IMqttClient _client;
    private readonly MqttNetLog _libraryLog;
    private readonly BrokerCertificateCheck? _certificateCheck;
    private readonly Channel<MqttMessage> _received;
    private readonly MqttMessagePool _messagePool;
    private readonly ConcurrentDictionary<string, (MqttQos Qos, MqttSubscribeOptions Options)> _filters = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly SemaphoreSlim _connectionLost = new(0);
    private readonly ReconnectBackoff _backoff;
    private readonly SocketStreamProvider _streamProvider;
    private CancellationTokenSource _connectionClosing = new();
    private CancellationTokenSource? _supervision;
    private Task _supervisor = Task.CompletedTask;
    private TaskCompletionSource _connectedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _dropped;
    private int _state = (int)MqttConnectionState.Disconnected;
    private int _sessionPresent;
    private volatile bool _closing;
    private volatile bool _disposed;

    /// <summary>Creates a client; nothing connects until <see cref="ConnectAsync"/>.</summary>
    /// <param name="options">Connection settings; validated here.</param>
    /// <param name="logger">Where connection changes and failures are explained.</param>
    /// <param name="time">Clock for reconnect delays and the connect timeout; the system clock when null.</param>
    public MqttClient(MqttClientOptions options, ILogger<MqttClient>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _backoff = new ReconnectBackoff(_options, Random.Shared.NextDouble);
        _libraryLog = new MqttNetLog(_logger, Name);
        _streamProvider = new SocketStreamProvider(tls: _options.Tls is not null, NewConnectionToken);
        _certificateCheck = _options.Tls is { } tls ? new BrokerCertificateCheck(tls, _options.Host) : null;
        _messagePool = new MqttMessagePool(Math.Min(options.ReceiveCapacity, 4096));
        _received = Channel.CreateBounded<MqttMessage>(new BoundedChannelOptions(options.ReceiveCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _client = new MqttClientFactory(_libraryLog).CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>Raised whenever <see cref="State"/> changes; handlers must not block.</summary>
    public event EventHandler<MqttConnectionState>? StateChanged;

    /// <summary>
    /// Raised on every accepted connection, the first and each reconnect, before <see cref="State"/> turns
    /// <see cref="MqttConnectionState.Connected"/> and before publishes queued while offline go out. Tells whether the
    /// broker kept the session; handlers must not block (publishing from them is fine).
    /// </summary>
    public event EventHandler<MqttConnectedArguments>? Connected;

    /// <summary>
    /// Raised when an established connection ends unasked, with the broker's reason, before the client reconnects;
    /// handlers must not block. <see cref="MqttConnectionLostArguments.SessionTakenOver"/> tells a client-id conflict
    /// from an outage.
    /// </summary>
    public event EventHandler<MqttConnectionLostArguments>? ConnectionLost;

    // MQTT 5 DISCONNECT reason "Session taken over": another client connected with this client id.
    private const int SessionTakenOverReason = 0x8E;

    /// <summary>Current connection state.</summary>
    public MqttConnectionState State => (MqttConnectionState)Volatile.Read(ref _state);

    /// <summary>Whether the broker resumed a stored session on the latest accepted connection.</summary>
    public bool SessionPresent => Volatile.Read(ref _sessionPresent) != 0;

    /// <summary>Messages received on this client's subscriptions, in arrival order.</summary>
    public ChannelReader<MqttMessage> Messages => _received.Reader;

    /// <summary>Messages dropped because the receive queue was full (only with <see cref="MqttReceiveFullMode.DropNewest"/>).</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>The MQTTnet version in use.</summary>
    public static Version LibraryVersion { get; } = typeof(IMqttClient).Assembly.GetName().Version ?? new Version(0, 0);

    /// <summary>Whether MQTTnet's own log lines reach this client's logger; for tests.</summary>
    internal bool LibraryLogEnabled => _libraryLog.IsEnabled;

    private string Name => _options.ClientId.Length == 0 ? "(broker-assigned)" : _options.ClientId;

    /// <summary>Connects and waits for the broker's CONNACK; throws a typed <see cref="MqttException"/> when refused or unreachable.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            if (State != MqttConnectionState.Disconnected)
            {
                throw new MqttException(MqttErrorCode.InvalidArgument, "The client is already connected or connecting.");
            }

            _closing = false;
            SetState(MqttConnectionState.Connecting);
            MqttClientConnectResult result;
            try
            {
                result = await ConnectOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                SetState(MqttConnectionState.Disconnected);
                throw;
            }

            // MQTTnet reports a loss on a task of its own, so one of an earlier connection may still be pending: while
            // this connection stands, such a report is stale. (The supervising loop checks again when it wakes.)
            while (_client.IsConnected && _connectionLost.CurrentCount > 0)
            {
                await _connectionLost.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            _supervision = new CancellationTokenSource();
            await OnSessionStartedAsync(result, isReconnect: false, cancellationToken).ConfigureAwait(false);
            _supervisor = Task.Run(() => SuperviseAsync(_supervision.Token), CancellationToken.None);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Subscribes and waits for the broker's grant; the subscription is sent again whenever the broker kept no session.</summary>
    public async Task SubscribeAsync(string filter, MqttQos qos, MqttSubscribeOptions? options, CancellationToken cancellationToken)
    {
        MqttTopic.ValidateFilter(filter);
        options ??= MqttSubscribeOptions.Default;
        ThrowIfDisposed();
        if (State == MqttConnectionState.Disconnected)
        {
            throw NotConnected($"the subscription to '{filter}' was not sent");
        }

        _filters[filter] = (qos, options);
        while (true)
        {
            try
            {
                if (State != MqttConnectionState.Connected)
                {
                    // Reconnecting: the subscription goes out once the connection is back.
                    await Volatile.Read(ref _connectedSignal).Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await SendSubscriptionAsync(filter, qos, options, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (MqttException e) when (e.Code == MqttErrorCode.ConnectionLost && !_closing && !_disposed)
            {
                // Lost while waiting for the grant: wait for the reconnect and send it again.
            }
            catch
            {
                _filters.TryRemove(filter, out _);
                throw;
            }
        }
    }

    /// <summary>Disconnects cleanly: the broker discards the will. Pending QoS ≥ 1 publishes that were not acknowledged fail.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CloseAsync(new MqttException(MqttErrorCode.NotConnected, "The client disconnected before the broker acknowledged the publish."), cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Disconnects if connected and releases the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await CloseAsync(new MqttException(MqttErrorCode.Disposed, "The MQTT client was disposed before the broker acknowledged the operation."), CancellationToken.None)
                .ConfigureAwait(false);
            _received.Writer.TryComplete();
            _client.Dispose();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task CloseAsync(MqttException pendingError, CancellationToken cancellationToken)
    {
        if (State == MqttConnectionState.Disconnected && _supervision is null)
        {
            FailQueuedPublishes(pendingError);
            return;
        }

        _closing = true;
        _closeError = pendingError;
        Interlocked.Exchange(ref _connectedSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))
            .TrySetException(pendingError);
        if (_supervision is { } supervision)
        {
            await supervision.CancelAsync().ConfigureAwait(false);
            try
            {
                await _supervisor.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            supervision.Dispose();
            _supervision = null;
        }

        if (_client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
                await _client.DisconnectAsync(new MqttClientDisconnectOptions { Reason = MqttClientDisconnectOptionsReason.NormalDisconnection }, linked.Token)
                    .ConfigureAwait(false);
                MqttLog.Disconnected(_logger, Name, _options.Host, _options.Port);
            }
            catch (Exception e) when (e is Net.Exceptions.MqttCommunicationException or OperationCanceledException or Net.Exceptions.MqttClientNotConnectedException)
            {
                // The connection went on its own meanwhile; nothing is left to close cleanly.
            }
        }

        FailQueuedPublishes(pendingError);
        SetState(MqttConnectionState.Disconnected);
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new MqttException(MqttErrorCode.Disposed, "The MQTT client has been disposed.");
        }
    }

    private MqttException NotConnected(string what) => new(
        MqttErrorCode.NotConnected,
        State == MqttConnectionState.Disconnected
            ? $"The MQTT client is not connected; call ConnectAsync first ({what})."
            : $"Not connected to {_options.Host}:{_options.Port}; {what}.");

    private void SetState(MqttConnectionState state)
    {
        if (Interlocked.Exchange(ref _state, (int)state) != (int)state)
        {
            StateChanged?.Invoke(this, state);
        }
    }
}
