namespace EdgeFactory.Runtime.Agents;

/// <summary>Where a supervised agent stands.</summary>
public enum AgentStatus
{
    /// <summary>Not started yet.</summary>
    Created,

    /// <summary>Handling its mailbox.</summary>
    Running,

    /// <summary>Crashed; waiting out its backoff before a fresh instance starts.</summary>
    Restarting,

    /// <summary>Crashed too often; given up on, its mailbox drained to dead letters.</summary>
    Faulted,

    /// <summary>Stopped on request.</summary>
    Stopped,
}
