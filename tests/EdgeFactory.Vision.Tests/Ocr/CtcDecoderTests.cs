using EdgeFactory.Vision.Ocr;

namespace EdgeFactory.Vision.Tests.Ocr;

public sealed class CtcDecoderTests
{
    // Classes: 0 blank, 1 'A', 2 'B', 3 'C', 4 space.
    private static readonly CharacterList Characters = new(["A", "B", "C"]);

    private static float[] Logits(params (int Class, float P)[] steps)
    {
        var values = new float[steps.Length * Characters.ClassCount];
        for (var t = 0; t < steps.Length; t++)
        {
            var rest = (1 - steps[t].P) / (Characters.ClassCount - 1);
            for (var c = 0; c < Characters.ClassCount; c++)
            {
                values[(t * Characters.ClassCount) + c] = c == steps[t].Class ? steps[t].P : rest;
            }
        }

        return values;
    }

    [Fact]
    public void Decode_CollapsesRepeatsAndDropsBlanks()
    {
        var logits = Logits((1, 0.9f), (1, 0.8f), (0, 0.9f), (2, 0.7f), (0, 0.9f), (0, 0.9f), (3, 0.6f));

        var text = new CtcDecoder(Characters).Decode(logits, 7);

        Assert.Equal("ABC", text.Text);
        Assert.Equal((0.9f + 0.7f + 0.6f) / 3, text.Confidence, 5);
    }

    [Fact]
    public void Decode_BlankBetweenRepeats_KeepsBoth()
    {
        var text = new CtcDecoder(Characters).Decode(Logits((1, 0.9f), (0, 0.9f), (1, 0.9f)), 3);

        Assert.Equal("AA", text.Text);
    }

    [Fact]
    public void Decode_LastClass_IsASpace()
    {
        var text = new CtcDecoder(Characters).Decode(Logits((1, 0.9f), (4, 0.9f), (2, 0.9f)), 3);

        Assert.Equal("A B", text.Text);
    }

    [Fact]
    public void Decode_OnlyBlanks_IsEmptyWithZeroConfidence()
    {
        var text = new CtcDecoder(Characters).Decode(Logits((0, 0.99f), (0, 0.99f)), 2);

        Assert.Equal(new RecognizedText(string.Empty, 0f), text);
    }

    [Fact]
    public void CheckFits_ModelWithOtherClassCount_IsCharacterListMismatch()
    {
        var e = Assert.Throws<VisionException>(() => Characters.CheckFits(6625, "rec.onnx"));

        Assert.Equal(VisionErrorCode.CharacterListMismatch, e.Code);
    }
}
