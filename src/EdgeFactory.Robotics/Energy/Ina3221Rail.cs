namespace EdgeFactory.Robotics.Energy;

/// <summary>One INA3221 channel found in hwmon: its number, label and latest reading.</summary>
/// <param name="Channel">Channel number in the file names (<c>in1_input</c>, <c>curr1_input</c>).</param>
/// <param name="Label">The rail's label (<c>in1_label</c>), or <c>in1</c> without one.</param>
public sealed record Ina3221Rail(int Channel, string Label);
