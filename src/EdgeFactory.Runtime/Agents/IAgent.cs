namespace EdgeFactory.Runtime.Agents;

/// <summary>
/// The behaviour behind a <see cref="SupervisedAgent{TMessage}"/>. A fresh instance is made on every (re)start, so
/// state lost in a crash is rebuilt in <see cref="StartAsync"/> from what is durable, never carried over half-updated.
/// </summary>
/// <typeparam name="TMessage">Mailbox message type.</typeparam>
public interface IAgent<in TMessage>
{
    /// <summary>Called before the first message of this instance; <paramref name="cancellationToken"/> fires when the instance stops.</summary>
    ValueTask StartAsync(CancellationToken cancellationToken);

    /// <summary>Handles one message; an exception crashes this instance and the supervisor restarts a fresh one.</summary>
    ValueTask HandleAsync(TMessage message, CancellationToken cancellationToken);

    /// <summary>Called once this instance stopped, crashed or not, before any restart: release what it holds.</summary>
    ValueTask StopAsync();
}
