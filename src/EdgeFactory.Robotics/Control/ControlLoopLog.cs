using Microsoft.Extensions.Logging;

namespace EdgeFactory.Robotics.Control;

/// <summary>Log lines of <see cref="ControlLoop"/> and <see cref="ActionChunkPump"/>.</summary>
internal static partial class ControlLoopLog
{
    [LoggerMessage(EventId = 7200, Level = LogLevel.Information, Message = "Robot {Robot}: control loop running at {RateHz} Hz")]
    public static partial void Started(ILogger logger, string robot, int rateHz);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Robot {Robot}: the chunk source failed; the loop holds the current chunk")]
    public static partial void SourceFailed(ILogger logger, string robot, Exception exception);
}
