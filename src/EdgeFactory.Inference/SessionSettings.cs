using Microsoft.ML.OnnxRuntime;

namespace EdgeFactory.Inference;

/// <summary>Builds ONNX Runtime's <see cref="SessionOptions"/> for one attempt: our options plus one execution provider.</summary>
internal static class SessionSettings
{
    /// <summary>Session options with <paramref name="provider"/> appended; a provider that cannot be appended is an <see cref="OnnxRuntimeException"/>.</summary>
    public static SessionOptions Create(InferenceSessionOptions options, ExecutionProviderPreference provider, string model)
    {
        _ = OnnxRuntimeLibrary.Environment();
        var settings = new SessionOptions();
        try
        {
            settings.LogId = model;
            settings.GraphOptimizationLevel = (GraphOptimizationLevel)(int)options.Optimization;
            settings.IntraOpNumThreads = options.IntraOpThreads;
            settings.InterOpNumThreads = options.InterOpThreads;
            settings.ExecutionMode = options.ParallelExecution ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL;
            if (options.Deterministic)
            {
                settings.AddSessionConfigEntry("session.use_deterministic_compute", "1");
            }

            foreach (var (key, value) in options.ConfigEntries)
            {
                settings.AddSessionConfigEntry(key, value);
            }

            ExecutionProviders.Append(settings, provider, model);
            return settings;
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            settings.Dispose();
            throw OrtFailure.Wrap(e, $"{model}: session options");
        }
        catch
        {
            settings.Dispose();
            throw;
        }
    }
}
