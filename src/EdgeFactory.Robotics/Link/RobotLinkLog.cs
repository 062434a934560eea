using Microsoft.Extensions.Logging;

namespace EdgeFactory.Robotics.Link;

/// <summary>Log lines of <see cref="RobotLink"/>.</summary>
internal static partial class RobotLinkLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Robot {Robot}: linked to {Controller} ({Name}, {Kind}, {Joints} joints, watchdog {WatchdogMs} ms)")]
    public static partial void Connected(ILogger logger, string robot, string controller, string name, RobotKind kind, int joints, double watchdogMs);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Robot {Robot}: no capabilities from {Controller} within {TimeoutMs} ms")]
    public static partial void HandshakeTimedOut(ILogger logger, string robot, string controller, double timeoutMs);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Robot {Robot}: send failed ({Error})")]
    public static partial void SendFailed(ILogger logger, string robot, System.Net.Sockets.SocketError error);
}
