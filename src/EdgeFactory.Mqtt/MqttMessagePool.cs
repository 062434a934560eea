namespace EdgeFactory.Mqtt;

/// <summary>
/// Received-message objects of one client, kept for reuse: the network thread rents, the consumer returns by
/// disposing. Bounded, so a burst does not pin memory forever; a lock because both sides touch it once per message.
/// </summary>
internal sealed class MqttMessagePool(int capacity)
{
    private readonly MqttMessage?[] _items = new MqttMessage?[capacity];
    private readonly object _gate = new();
    private int _count;

    public MqttMessage Rent()
    {
        lock (_gate)
        {
            if (_count > 0)
            {
                var message = _items[--_count]!;
                _items[_count] = null;
                message.InPool = false;
                return message;
            }
        }

        return new MqttMessage(this);
    }

    public void Return(MqttMessage message)
    {
        lock (_gate)
        {
            // A second Dispose of the same message must not put it in the pool twice.
            if (!message.InPool && _count < _items.Length)
            {
                message.InPool = true;
                _items[_count++] = message;
            }
        }
    }
}
