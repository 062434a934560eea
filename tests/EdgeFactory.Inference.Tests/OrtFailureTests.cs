namespace EdgeFactory.Inference.Tests;

public sealed class OrtFailureTests
{
    [Theory]
    [InlineData("[ErrorCode:InvalidProtobuf] Failed to load model", OrtErrorCode.InvalidProtobuf, "Failed to load model")]
    [InlineData("[ErrorCode:NoSuchFile] Load model failed", OrtErrorCode.NoSuchFile, "Load model failed")]
    [InlineData("[ErrorCode:11] provider failed", OrtErrorCode.ExecutionProviderFailure, "provider failed")]
    [InlineData("[ErrorCode:Ok] odd", OrtErrorCode.Fail, "odd")]
    [InlineData("no code at all", OrtErrorCode.Fail, "no code at all")]
    public void Parse_OnnxRuntimeMessages_GivesTheStableCodeAndText(string message, OrtErrorCode code, string text)
    {
        Assert.Equal((code, text), OrtFailure.Parse(message));
    }
}
