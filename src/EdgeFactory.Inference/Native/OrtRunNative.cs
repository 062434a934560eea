namespace EdgeFactory.Inference.Native;

/// <summary>Run options and the <c>Run</c> call itself, over arrays the caller keeps for the runner's life.</summary>
internal static unsafe class OrtRunNative
{
    public static OrtHandle CreateRunOptions()
    {
        _ = OrtEnvironment.Env;
        nint raw;
        OrtApi.Check(OrtApi.CreateRunOptions(&raw), "creating run options");
        return OrtHandle.Own(OrtObjectKind.RunOptions, raw);
    }

    /// <summary>Runs the session; returns the raw <c>OrtStatus*</c> (0 on success) so the hot path allocates nothing until it fails.</summary>
    public static nint Run(nint session, nint runOptions, nint[] inputNames, nint[] inputs, nint[] outputNames, nint[] outputs)
    {
        fixed (nint* inNames = inputNames, inValues = inputs, outNames = outputNames, outValues = outputs)
        {
            return OrtApi.Run(session, runOptions, inNames, inValues, (nuint)inputs.Length, outNames, (nuint)outputs.Length, outValues);
        }
    }

    public static void Terminate(nint runOptions) => OrtApi.Check(OrtApi.RunOptionsSetTerminate(runOptions), "terminating a run");

    public static void ClearTerminate(nint runOptions) => OrtApi.Check(OrtApi.RunOptionsUnsetTerminate(runOptions), "clearing a run's terminate flag");

    public static void ReleaseValue(nint value) => OrtApi.ReleaseValue(value);
}
