using System.CommandLine;

namespace EdgeFactory.Cli.Commands.Models;

/// <summary><c>edgefactory model</c>: inspect, benchmark and run ONNX models on this device.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var model = new Command("model", "Inspect, benchmark and run ONNX models with this device's ONNX Runtime; package them with signed passports and verify packages.");
        model.Subcommands.Add(ModelInspectCommand.Create());
        model.Subcommands.Add(ModelBenchCommand.Create());
        model.Subcommands.Add(ModelRunCommand.Create());
        model.Subcommands.Add(ModelCompileCommand.Create());
        model.Subcommands.Add(ModelPassportCommand.Create());
        model.Subcommands.Add(ModelVerifyCommand.Create());
        return model;
    }
}
