namespace EdgeFactory.Mqtt;

/// <summary>An entry of <see cref="PendingOperations"/>: a caller waiting for an acknowledgement, an acknowledgement waiting for its caller, or an id whose acknowledgement nobody wants.</summary>
internal sealed class PendingOperation
{
    private readonly TaskCompletionSource<int>? _completion;

    private PendingOperation(PendingOperationKind kind, TaskCompletionSource<int>? completion, int earlyResult)
    {
        Kind = kind;
        _completion = completion;
        EarlyResult = earlyResult;
    }

    public PendingOperationKind Kind { get; }

    /// <summary>The task the caller awaits; completes with the broker's reason code or grant.</summary>
    public Task<int> Task => _completion!.Task;

    /// <summary>For an acknowledgement that arrived before the operation was registered: its result.</summary>
    public int EarlyResult { get; }

    public static PendingOperation Waiting() =>
        new(PendingOperationKind.Waiting, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously), 0);

    public static PendingOperation Acknowledged(int result) => new(PendingOperationKind.Acknowledged, null, result);

    public static PendingOperation Ignored() => new(PendingOperationKind.Ignored, null, 0);

    public void Complete(int result) => _completion?.TrySetResult(result);

    public void Fail(Exception error) => _completion?.TrySetException(error);
}
