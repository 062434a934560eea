using EdgeFactory.Contracts.Models;
using EdgeFactory.Models.Packages;

namespace EdgeFactory.Models.Tests.Packages;

public sealed class PackageFilesTests
{
    private static readonly PassportFile File = new("model.onnx", new string('a', 64), 100);

    [Fact]
    public void CheckWritten_MatchingBytes_IsNull_OtherLengthOrHash_RefusedWithItsCode()
    {
        var passport = new ModelPassport(
            ModelPassport.CurrentFormat, "pick", "1.0.0", File.Path, [File], [], [], 17, "test", new PassportProvenance("", "", "test"), ["*"], DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue);

        Assert.Null(PackageFiles.CheckWritten(passport, File, File.Sha256, File.Length));
        Assert.Equal(PassportErrorCodes.LengthMismatch, PackageFiles.CheckWritten(passport, File, File.Sha256, 99)!.Code);
        Assert.Equal(PassportErrorCodes.HashMismatch, PackageFiles.CheckWritten(passport, File, new string('b', 64), File.Length)!.Code);
    }
}
