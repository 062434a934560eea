namespace EdgeFactory.Robotics.Safety;

/// <summary>One link in standard Denavit–Hartenberg form: rotate θ (joint + offset) about z, move d along z, a along x, rotate α about x.</summary>
/// <param name="A">Link length a (m).</param>
/// <param name="Alpha">Link twist α (rad).</param>
/// <param name="D">Link offset d (m).</param>
/// <param name="ThetaOffset">Added to the joint position to give θ (rad).</param>
public readonly record struct DhLink(double A, double Alpha, double D, double ThetaOffset = 0);
