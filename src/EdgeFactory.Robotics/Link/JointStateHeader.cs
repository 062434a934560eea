namespace EdgeFactory.Robotics.Link;

/// <summary>The fixed fields of a <c>JOINT_STATE</c> a controller writes before its joints.</summary>
/// <param name="AckSequence"><c>seq</c> of the last command applied.</param>
/// <param name="Mode">The controller's mode.</param>
/// <param name="Inputs">Digital inputs.</param>
/// <param name="Counter">The plant's counter.</param>
/// <param name="PowerWatts">Electrical power drawn now.</param>
/// <param name="TimeMilliseconds">The controller's clock.</param>
public readonly record struct JointStateHeader(uint AckSequence, ControllerMode Mode, uint Inputs, uint Counter, float PowerWatts, uint TimeMilliseconds);
