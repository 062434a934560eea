namespace EdgeFactory.Mqtt.Transport;

/// <summary>
/// The socket stream MQTTnet talks through, buffered both ways. MQTTnet reads each packet in small pieces (two bytes of
/// fixed header, the length bytes, then the body): they are served from a read buffer, so a burst of packets costs one
/// receive call. Writes are copied into a send buffer and return at once; one thread-pool work item sends what has
/// gathered with one call, so packets written while a send is under way leave together, and MQTTnet can hand over a
/// packet's header and payload separately without building a joined copy.
/// </summary>
internal sealed class ConnectionStream : Stream, IThreadPoolWorkItem
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
    private byte[] _sending = new byte[SendBufferBytes];
    private int _readStart;
    private int _readEnd;
    private int _unsentCount;
    private bool _sendScheduled;
    private bool _closed;
    private Exception? _sendError;

    /// <summary>Wraps the connected socket's stream; disposing this disposes it.</summary>
    public ConnectionStream(Stream inner) => _inner = inner;

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

    /// <summary>Sends what has gathered until nothing is left; runs as a thread-pool work item.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        while (true)
        {
            byte[] batch;
            int count;
            lock (_sendGate)
            {
                if (_unsentCount == 0 || _sendError is not null)
                {
                    _sendScheduled = false;
                    Monitor.PulseAll(_sendGate);
                    return;
                }

                batch = _unsent;
                count = _unsentCount;
                _unsent = _sending;
                _sending = batch;
                _unsentCount = 0;
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
                    _sendScheduled = false;
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
            // A clean DISCONNECT is the last thing written: it must leave before the socket closes, or the broker sends the will.
            lock (_sendGate)
            {
                var deadline = Environment.TickCount64 + (long)DrainOnCloseLimit.TotalMilliseconds;
                while (_sendScheduled && _sendError is null && Environment.TickCount64 < deadline)
                {
                    Monitor.Wait(_sendGate, TimeSpan.FromMilliseconds(50));
                }

                _closed = true;
                if (!_sendScheduled && _sendError is null && _unsentCount > 0)
                {
                    try
                    {
                        _inner.Write(_unsent, 0, _unsentCount);
                    }
                    catch (Exception e) when (e is IOException or ObjectDisposedException)
                    {
                        // The connection is gone already; nothing more can be delivered.
                    }

                    _unsentCount = 0;
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
            if (!_sendScheduled)
            {
                _sendScheduled = true;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
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
