using EdgeFactory.Runtime.Throughput;

namespace EdgeFactory.MesSimulation.Tests;

public sealed class LayeringTests
{
    [Fact]
    public void Runtime_References_NeverTheSimulator()
    {
        var references = typeof(TaskSpan).Assembly.GetReferencedAssemblies().Select(a => a.Name);

        Assert.DoesNotContain(typeof(MesSimulator).Assembly.GetName().Name, references);
    }
}
