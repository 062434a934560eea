namespace EdgeFactory.Mqtt.Transport;

/// <summary>
/// The socket stream MQTTnet talks through. MQTTnet reads each packet in small pieces (two bytes of fixed header, the
/// length bytes, then the body): they are served from a read buffer, so a burst of packets costs one receive call.
/// On a plain connection MQTTnet writes a packet's header and payload separately; the stream reads the MQTT fixed
/// header, gathers the pieces and sends each complete packet with one call on the writer's own thread, so no joined
/// copy is built and no thread hop is added. Under TLS the stream sees TLS records, not packets, and passes writes on.
/// </summary>
internal sealed class ConnectionStream : Stream
{
    private const int ReadBufferBytes = 64 * 1024;
    private const int WriteBufferBytes = 4 * 1024;

    private readonly Stream _inner;
    private readonly bool _framed;
    private readonly CancellationTokenSource? _closing;
    private readonly byte[] _readBuffer = new byte[ReadBufferBytes];
    private readonly object _writeGate = new();
    private byte[] _unsent = new byte[WriteBufferBytes];
    private int _readStart;
    private int _readEnd;
    private int _unsentCount;

    /// <summary>
    /// Wraps the connected socket's stream; <paramref name="framed"/> when MQTT packets are written to it directly (no
    /// TLS in between). Disposing this disposes the stream and cancels <paramref name="closing"/>.
    /// </summary>
    public ConnectionStream(Stream inner, bool framed, CancellationTokenSource? closing)
    {
        _inner = inner;
        _framed = framed;
        _closing = closing;
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
        if (!_framed)
        {
            return _inner.WriteAsync(buffer, cancellationToken);
        }

        try
        {
            Gather(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return ValueTask.FromException(e);
        }
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_framed)
        {
            Gather(buffer);
        }
        else
        {
            _inner.Write(buffer);
        }
    }

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

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _closing?.Cancel();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Adds written bytes and sends every packet that is now complete, in one call.</summary>
    private void Gather(ReadOnlySpan<byte> data)
    {
        lock (_writeGate)
        {
            if (_unsentCount + data.Length > _unsent.Length)
            {
                Array.Resize(ref _unsent, Math.Max(_unsent.Length * 2, _unsentCount + data.Length));
            }

            data.CopyTo(_unsent.AsSpan(_unsentCount));
            _unsentCount += data.Length;
            var complete = CompletePacketBytes(_unsent.AsSpan(0, _unsentCount));
            if (complete == 0)
            {
                return;
            }

            _inner.Write(_unsent, 0, complete);
            _unsent.AsSpan(complete, _unsentCount - complete).CopyTo(_unsent);
            _unsentCount -= complete;
        }
    }

    /// <summary>Bytes at the start of <paramref name="bytes"/> that form whole MQTT packets (fixed header, remaining length, body).</summary>
    private static int CompletePacketBytes(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (true)
        {
            var position = offset + 1;
            var remaining = 0;
            var shift = 0;
            while (true)
            {
                if (position >= bytes.Length)
                {
                    return offset;
                }

                var encoded = bytes[position++];
                remaining |= (encoded & 0x7F) << shift;
                shift += 7;
                if ((encoded & 0x80) == 0)
                {
                    break;
                }

                if (shift > 21)
                {
                    throw new IOException("An MQTT packet with an invalid remaining length was written.");
                }
            }

            if (bytes.Length - position < remaining)
            {
                return offset;
            }

            offset = position + remaining;
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
