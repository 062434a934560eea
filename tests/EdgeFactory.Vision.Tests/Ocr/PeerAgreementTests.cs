using EdgeFactory.Testing;
using Xunit.Abstractions;

namespace EdgeFactory.Vision.Tests.Ocr;

public sealed class PeerAgreementTests(OcrFixture fixture, ITestOutputHelper output) : IClassFixture<OcrFixture>
{
    private static string Squeeze(IEnumerable<string> lines) => string.Join('\n', lines.Select(l => l.Replace(" ", string.Empty, StringComparison.Ordinal)));

    [Fact]
    public async Task Read_RenderedLabels_SameTextsAsOcrNode()
    {
        var images = VisionData.Images;
        var peer = await OcrPeer.ReadAsync([.. images.Select(i => i.Path)]);
        var agree = 0;
        foreach (var (image, theirs) in images.Zip(peer))
        {
            var ours = fixture.Pipeline.Read(image.Path).Lines.Select(l => l.Text).ToList();
            if (Squeeze(ours) == Squeeze(theirs.Lines))
            {
                agree++;
            }
            else
            {
                output.WriteLine($"{Path.GetFileName(image.Path)}: ours [{string.Join(" | ", ours)}], ocr-node [{string.Join(" | ", theirs.Lines)}], truth [{string.Join(" | ", image.Lines)}]");
            }
        }

        output.WriteLine($"agreement with @gutenye/ocr-node 1.4.8: {agree}/{images.Count}");
        Assert.True(agree >= 0.95 * images.Count, $"{agree}/{images.Count} images read the same as @gutenye/ocr-node");
    }
}
