using System.CommandLine;

namespace EdgeFactory.Cli.Commands.Vision;

/// <summary><c>edgefactory vision</c>: read text from images with the PP-OCR pipeline on this device.</summary>
internal static class VisionCommand
{
    public static Command Create()
    {
        var vision = new Command("vision", "Read part labels from images with PP-OCR (OpenCV + ONNX Runtime) on this device.");
        vision.Subcommands.Add(VisionOcrCommand.Create());
        vision.Subcommands.Add(VisionBenchCommand.Create());
        return vision;
    }
}
