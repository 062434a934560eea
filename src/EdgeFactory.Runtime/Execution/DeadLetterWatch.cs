using Akka.Actor;
using DeadLetter = Akka.Event.DeadLetter;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Execution;

/// <summary>Messages no actor handled (a faulted or stopped robot): logged and counted, never silent.</summary>
internal sealed partial class DeadLetterWatch : ReceiveActor
{
    public DeadLetterWatch(DeadLetterCount count, ILogger logger)
    {
        Receive<DeadLetter>(letter =>
        {
            count.Add();
            RobotMetrics.DeadLetters.Add(1);
            Logged(logger, letter.Recipient.Path.ToString(), letter.Message.GetType().Name);
        });
    }

    /// <summary>Props of the watch.</summary>
    public static Props Props(DeadLetterCount count, ILogger logger) => Akka.Actor.Props.Create(() => new DeadLetterWatch(count, logger));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));

    [LoggerMessage(4003, LogLevel.Warning, "Dead letter for {Recipient}: {MessageType} (the actor is faulted or stopped)")]
    private static partial void Logged(ILogger logger, string recipient, string messageType);
}
