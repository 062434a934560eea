namespace EdgeFactory.Mqtt.Transport;

/// <summary>
/// The socket stream MQTTnet talks through, buffered both ways. MQTTnet reads each packet in small pieces (two bytes of
/// fixed header, the length bytes, then the body): they are served from a read buffer, so a burst of packets costs one
/// receive call. Writes are copied into a send buffer and return at once; the connection's sender thread sends what
/// has gathered with one call, so packets written while a send is under way leave together, and MQTTnet can hand over
/// a packet's header and payload separately without building a joined copy. The sender is a thread of its own, not a
/// thread-pool item, so a busy pool (agents, journal) never delays what goes on the wire.
/// </summary>
internal sealed class ConnectionStream : Stream
{
    private const int ReadBufferBytes = 64 * 1024;
    private const int SendBufferBytes = 64 * 1024;

    // Beyond this much unsent data a writer waits: the peer or the network is slower than we produce.
    private const int MaxUnsentBytes = 4 * 1024 * 1024;
    private static readonly TimeSpan DrainOnCloseLimit = TimeSpan.FromSeconds(5);

    private readonly Stream _inner;
    private readonly byte[] _readBuffer = new byte[ReadBufferBytes];
    private readonly object _sendGate = new();
    private byte[] _unsent = new byte[SendBufferBytes];
    private byte[] _sendBuffer = new byte[SendBufferBytes];
    private int _readStart;
    private int _readEnd;
    private int _unsentCount;
    private bool _sending;
    private bool _closed;
    private Exception? _sendError;

    private readonly CancellationTokenSource? _closing;

    /// <summary>Wraps the connected socket's stream and starts its sender thread; disposing this stops it, disposes the stream and cancels <paramref name="closing"/>.</summary>
    public ConnectionStream(Stream inner, CancellationTokenSource? closing)
    {
        _inner = inner;
        _closing = closing;
        new Thread(SendLoop) { IsBackground = true, Name = "MQTT sender" }.Start();
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_readStart < _readEnd)
        {
            return new ValueTask<int>(TakeBuffered(buffer.Span));
        }

        // Larger than the buffer: read straight into the caller's memory.
        return buffer.Length >= _readBuffer.Length ? _inner.ReadAsync(buffer, cancellationToken) : FillThenTakeAsync(buffer, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (_readStart == _readEnd)
        {
            if (buffer.Length >= _readBuffer.Length)
            {
                return _inner.Read(buffer);
            }

            _readStart = 0;
            _readEnd = _inner.Read(_readBuffer, 0, _readBuffer.Length);
        }

        return TakeBuffered(buffer);
    }

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            Enqueue(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (IOException e)
        {
            return ValueTask.FromException(e);
        }
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Enqueue(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer) => Enqueue(buffer);

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>The sender thread: waits for data, sends all that has gathered with one call, until the stream closes.</summary>
    private void SendLoop()
    {
        while (true)
        {
            byte[] batch;
            int count;
            lock (_sendGate)
            {
                _sending = false;
                Monitor.PulseAll(_sendGate);
                while (_unsentCount == 0 && !_closed)
                {
                    Monitor.Wait(_sendGate);
                }

                if (_unsentCount == 0 || _sendError is not null)
                {
                    return;
                }

                batch = _unsent;
                count = _unsentCount;
                _unsent = _sendBuffer;
                _sendBuffer = batch;
                _unsentCount = 0;
                _sending = true;

                // A writer may be waiting for room.
                Monitor.PulseAll(_sendGate);
            }

            try
            {
                _inner.Write(batch, 0, count);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                lock (_sendGate)
                {
                    _sendError = e;
                    _sending = false;
                    Monitor.PulseAll(_sendGate);
                }

                // Closing the socket ends the pending read too, so MQTTnet notices the loss at once.
                _inner.Dispose();
                return;
            }
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _closing?.Cancel();

            // A clean DISCONNECT is the last thing written: it must leave before the socket closes, or the broker sends
            // the will. The sender thread sends what is left, then ends.
            lock (_sendGate)
            {
                _closed = true;
                Monitor.PulseAll(_sendGate);
                var deadline = Environment.TickCount64 + (long)DrainOnCloseLimit.TotalMilliseconds;
                while ((_sending || _unsentCount > 0) && _sendError is null && Environment.TickCount64 < deadline)
                {
                    Monitor.Wait(_sendGate, TimeSpan.FromMilliseconds(50));
                }
            }

            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Enqueue(ReadOnlySpan<byte> data)
    {
        lock (_sendGate)
        {
            while (true)
            {
                if (_sendError is not null)
                {
                    throw new IOException("The connection to the broker failed while sending.", _sendError);
                }

                if (_closed)
                {
                    throw new IOException("The connection to the broker is closed.");
                }

                if (_unsentCount == 0 || _unsentCount + data.Length <= MaxUnsentBytes)
                {
                    break;
                }

                Monitor.Wait(_sendGate);
            }

            if (_unsentCount + data.Length > _unsent.Length)
            {
                Array.Resize(ref _unsent, Math.Max(_unsent.Length * 2, _unsentCount + data.Length));
            }

            data.CopyTo(_unsent.AsSpan(_unsentCount));
            _unsentCount += data.Length;
            if (_unsentCount == data.Length && !_sending)
            {
                // The sender waits for data: wake it. While it sends, it comes back for this without a signal.
                Monitor.PulseAll(_sendGate);
            }
        }
    }

    private async ValueTask<int> FillThenTakeAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await _inner.ReadAsync(_readBuffer, cancellationToken).ConfigureAwait(false);
        _readStart = 0;
        _readEnd = read;
        return read == 0 ? 0 : TakeBuffered(buffer.Span);
    }

    private int TakeBuffered(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _readEnd - _readStart);
        _readBuffer.AsSpan(_readStart, count).CopyTo(destination);
        _readStart += count;
        return count;
    }
}
