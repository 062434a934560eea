using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Mqtt.Tests;

/// <summary>Keeps every log entry at or above a level, for assertions on what a client logs.</summary>
internal sealed class RecordingLogger(LogLevel minimum) : ILogger<MqttClient>
{
    public ConcurrentQueue<(EventId Id, string Text)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Entries.Enqueue((eventId, formatter(state, exception)));
        }
    }
}
