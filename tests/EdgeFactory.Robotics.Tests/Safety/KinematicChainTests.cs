using EdgeFactory.Robotics.Safety;

namespace EdgeFactory.Robotics.Tests.Safety;

public sealed class KinematicChainTests
{
    [Fact]
    public void ToolPoint_Ur5AtZero_IsStretchedOutAlongMinusX()
    {
        var tool = KinematicChain.Ur5.ToolPoint([0, 0, 0, 0, 0, 0]);
        Assert.Equal(-0.81725f, tool.X, 1e-4f);
        Assert.Equal(-0.19145f, tool.Y, 1e-4f);
        Assert.Equal(-0.00549f, tool.Z, 1e-4f);
    }

    [Fact]
    public void ToolPoint_Ur5Upright_IsAboveTheBase()
    {
        var tool = KinematicChain.Ur5.ToolPoint([0, -MathF.PI / 2, 0, -MathF.PI / 2, 0, 0]);
        Assert.Equal(0f, tool.X, 1e-4f);
        Assert.Equal(-0.19145f, tool.Y, 1e-4f);
        Assert.Equal(1.00106f, tool.Z, 1e-4f);
    }

    [Fact]
    public void ToolPoint_BaseQuarterTurn_RotatesAboutZ()
    {
        var tool = KinematicChain.Ur5.ToolPoint([MathF.PI / 2, 0, 0, 0, 0, 0]);
        Assert.Equal(0.19145f, tool.X, 1e-4f);
        Assert.Equal(-0.81725f, tool.Y, 1e-4f);
    }
}
