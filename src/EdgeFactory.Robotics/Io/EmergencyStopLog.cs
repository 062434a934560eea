using Microsoft.Extensions.Logging;

namespace EdgeFactory.Robotics.Io;

/// <summary>Log lines of <see cref="EmergencyStop"/>.</summary>
internal static partial class EmergencyStopLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Critical, Message = "E-stop tripped (line {Line}, {Source}): every robot holds")]
    public static partial void Tripped(ILogger logger, int line, EmergencyStopSource source);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "E-stop reset refused: line {Line} is still active")]
    public static partial void ResetRefused(ILogger logger, int line);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "E-stop released (line {Line})")]
    public static partial void Released(ILogger logger, int line);
}
