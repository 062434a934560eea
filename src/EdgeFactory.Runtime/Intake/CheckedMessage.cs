using EdgeFactory.Mqtt;

namespace EdgeFactory.Runtime.Intake;

/// <summary>A received message with what its topic and the checks of its bytes found, ready for the acceptance loop.</summary>
/// <param name="Message">The message as received; the acceptance loop disposes it.</param>
/// <param name="Route">Where its topic leads.</param>
/// <param name="CancelId">The task id of a cancel's topic; null for other routes.</param>
/// <param name="Verdict">What the payload checks found; default for <see cref="IntakeRoute.Other"/>.</param>
/// <param name="Hash">A passed submission's content hash with the task type it was made with; null when none could be made ahead.</param>
internal readonly record struct CheckedMessage(MqttMessage Message, IntakeRoute Route, string? CancelId, PayloadVerdict Verdict, ContentHash? Hash = null);
