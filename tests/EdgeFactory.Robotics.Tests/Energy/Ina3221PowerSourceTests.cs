using EdgeFactory.Robotics.Energy;

namespace EdgeFactory.Robotics.Tests.Energy;

public sealed class Ina3221PowerSourceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ef-hwmon-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Find_Ina3221AmongOthers_SumsVoltsTimesAmps()
    {
        Device("hwmon0", "cpu_thermal", []);
        var ina = Device("hwmon1", "ina3221", [("VDD_IN", 5000, 1200), ("VDD_CPU_GPU_CV", 5000, 400), ("VDD_SOC", 5000, 300)]);
        using var source = Ina3221PowerSource.Find("jetson", _root);
        Assert.NotNull(source);
        Assert.Equal(ina, source.Directory);
        Assert.Equal(["VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"], source.Rails.Select(r => r.Label));
        Assert.True(source.TryRead(out var watts));
        Assert.Equal(9.5, watts, 9);
    }

    [Fact]
    public void TryRead_ValueChanges_ReadsTheNewValue()
    {
        var ina = Device("hwmon3", "ina3221", [("VDD_IN", 5000, 1000)]);
        using var source = Ina3221PowerSource.Find("jetson", _root, labels: ["VDD_IN"]);
        Assert.NotNull(source);
        Assert.True(source.TryRead(out var before));
        File.WriteAllText(Path.Combine(ina, "curr1_input"), "3000\n");
        Assert.True(source.TryRead(out var after));
        Assert.Equal((5.0, 15.0), (before, after));
    }

    [Fact]
    public void TryRead_Garbage_False()
    {
        var ina = Device("hwmon2", "ina3221", [("VDD_IN", 5000, 1000)]);
        using var source = Ina3221PowerSource.Find("jetson", _root);
        File.WriteAllText(Path.Combine(ina, "in1_input"), "n/a\n");
        Assert.False(source!.TryRead(out _));
    }

    [Fact]
    public void Find_NoIna3221OrNoRoot_Null()
    {
        Device("hwmon0", "cpu_thermal", []);
        Assert.Null(Ina3221PowerSource.Find("jetson", _root));
        Assert.Null(Ina3221PowerSource.Find("jetson", Path.Combine(_root, "missing")));
    }

    private string Device(string directory, string name, (string Label, int Millivolts, int Milliamps)[] rails)
    {
        var path = Path.Combine(_root, directory);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "name"), name + "\n");
        for (var i = 0; i < rails.Length; i++)
        {
            File.WriteAllText(Path.Combine(path, $"in{i + 1}_label"), rails[i].Label + "\n");
            File.WriteAllText(Path.Combine(path, $"in{i + 1}_input"), $"{rails[i].Millivolts}\n");
            File.WriteAllText(Path.Combine(path, $"curr{i + 1}_input"), $"{rails[i].Milliamps}\n");
        }

        return path;
    }
}
