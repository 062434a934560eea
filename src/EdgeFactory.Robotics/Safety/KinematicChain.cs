using System.Numerics;

namespace EdgeFactory.Robotics.Safety;

/// <summary>A serial arm described by DH links; gives the tool point for joint positions without allocating.</summary>
public sealed class KinematicChain
{
    private readonly DhLink[] _links;

    /// <summary>Creates the chain from its links, base first.</summary>
    public KinematicChain(IReadOnlyList<DhLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.Count == 0)
        {
            throw new ArgumentException("A kinematic chain needs at least one link.", nameof(links));
        }

        _links = [.. links];
    }

    /// <summary>A UR5-like 6-joint arm (Universal Robots' published DH parameters), the default for arm kinds.</summary>
    public static KinematicChain Ur5 { get; } = new(
    [
        new DhLink(0, Math.PI / 2, 0.089159),
        new DhLink(-0.425, 0, 0),
        new DhLink(-0.39225, 0, 0),
        new DhLink(0, Math.PI / 2, 0.10915),
        new DhLink(0, -Math.PI / 2, 0.09465),
        new DhLink(0, 0, 0.0823),
    ]);

    /// <summary>Joints in the chain.</summary>
    public int Joints => _links.Length;

    /// <summary>The tool point in the base frame for <paramref name="positions"/> (one per joint).</summary>
    public Vector3 ToolPoint(ReadOnlySpan<float> positions)
    {
        if (positions.Length != _links.Length)
        {
            throw new ArgumentException($"{positions.Length} positions for a {_links.Length}-joint chain.", nameof(positions));
        }

        // The running transform's rotation rows (r) and translation (t): T = T · A_i for each link.
        double r00 = 1, r01 = 0, r02 = 0, r10 = 0, r11 = 1, r12 = 0, r20 = 0, r21 = 0, r22 = 1, t0 = 0, t1 = 0, t2 = 0;
        for (var i = 0; i < _links.Length; i++)
        {
            var link = _links[i];
            var (st, ct) = Math.SinCos(positions[i] + link.ThetaOffset);
            var (sa, ca) = Math.SinCos(link.Alpha);
            double a00 = ct, a01 = -st * ca, a02 = st * sa, a03 = link.A * ct;
            double a10 = st, a11 = ct * ca, a12 = -ct * sa, a13 = link.A * st;
            double a21 = sa, a22 = ca, a23 = link.D;
            (t0, t1, t2) = ((r00 * a03) + (r01 * a13) + (r02 * a23) + t0, (r10 * a03) + (r11 * a13) + (r12 * a23) + t1, (r20 * a03) + (r21 * a13) + (r22 * a23) + t2);
            (r00, r01, r02) = ((r00 * a00) + (r01 * a10), (r00 * a01) + (r01 * a11) + (r02 * a21), (r00 * a02) + (r01 * a12) + (r02 * a22));
            (r10, r11, r12) = ((r10 * a00) + (r11 * a10), (r10 * a01) + (r11 * a11) + (r12 * a21), (r10 * a02) + (r11 * a12) + (r12 * a22));
            (r20, r21, r22) = ((r20 * a00) + (r21 * a10), (r20 * a01) + (r21 * a11) + (r22 * a21), (r20 * a02) + (r21 * a12) + (r22 * a22));
        }

        return new Vector3((float)t0, (float)t1, (float)t2);
    }
}
