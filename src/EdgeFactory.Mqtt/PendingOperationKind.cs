namespace EdgeFactory.Mqtt;

/// <summary>What a <see cref="PendingOperation"/> stands for.</summary>
internal enum PendingOperationKind
{
    /// <summary>A caller awaits the acknowledgement.</summary>
    Waiting,

    /// <summary>The acknowledgement came before the caller registered.</summary>
    Acknowledged,

    /// <summary>The acknowledgement is of no interest (libmosquitto reports QoS 0 publishes as sent too).</summary>
    Ignored,
}
