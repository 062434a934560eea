using EdgeFactory.Bench;

// Whole-system benchmarks, each against a peer measured in the same run: `make bench-<area>`.
var area = args.Length > 0 ? args[0] : string.Empty;
var report = new BenchReport(area);
switch (area)
{
    case "mqtt":
        await new MqttBench(report, args.Skip(1).ToArray()).RunAsync();
        break;
    case "inference":
        await new InferenceBench(report, args.Skip(1).ToArray()).RunAsync();
        break;
    case "vision":
        await new VisionBench(report, args.Skip(1).ToArray()).RunAsync();
        break;
    case "control":
        await new ControlBench(report, args.Skip(1).ToArray()).RunAsync();
        break;
    case "rollout":
        await new RolloutBench(report, args.Skip(1).ToArray()).RunAsync();
        break;
    case "telemetry":
        await new TelemetryBench(report, args.Skip(1).ToArray()).RunAsync();
        break;
    case "site":
        await new SiteBench(report, args.Skip(1).ToArray()).RunAsync();
        break;
    default:
        Console.Error.WriteLine("usage: EdgeFactory.Bench mqtt [--messages N] [--rounds N] | inference [--rounds N] | site [--tasks N] [--rounds N] | vision [--rounds N] | control [--seconds N] [--rounds N] | rollout [--rounds N] [--edges N] [--fleet-rounds N] [--model-mb N] | telemetry [--edges N] [--windows N]");
        return 2;
}

report.Print();
report.Write(Path.Combine("bench-results", $"{area}.jsonl"));
return 0;
