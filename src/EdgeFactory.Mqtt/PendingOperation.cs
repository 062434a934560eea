namespace EdgeFactory.Mqtt;

/// <summary>An operation waiting for the broker's acknowledgement, matched by message id.</summary>
internal sealed class PendingOperation
{
    private readonly TaskCompletionSource<int>? _completion;

    private PendingOperation(TaskCompletionSource<int>? completion, int earlyResult)
    {
        _completion = completion;
        EarlyResult = earlyResult;
    }

    /// <summary>The task the caller awaits; completes with the broker's reason code or grant.</summary>
    public Task<int> Task => _completion!.Task;

    /// <summary>For an acknowledgement that arrived before the operation was registered: its result.</summary>
    public int EarlyResult { get; }

    public bool IsEarlyAcknowledgement => _completion is null;

    public static PendingOperation Waiting() => new(new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously), 0);

    public static PendingOperation Acknowledged(int result) => new(null, result);

    public void Complete(int result) => _completion?.TrySetResult(result);

    public void Fail(Exception error) => _completion?.TrySetException(error);
}
