using System.Text;

namespace EdgeFactory.Vision.Ocr;

/// <summary>Greedy CTC decoding: the most likely class per time step, repeats collapsed, blanks removed.</summary>
public sealed class CtcDecoder
{
    private readonly CharacterList _characters;
    private readonly StringBuilder _text = new(64);

    /// <summary>A decoder over <paramref name="characters"/>.</summary>
    public CtcDecoder(CharacterList characters)
    {
        ArgumentNullException.ThrowIfNull(characters);
        _characters = characters;
    }

    /// <summary>Decodes <paramref name="probabilities"/>, <paramref name="steps"/> rows of <see cref="CharacterList.ClassCount"/> class probabilities.</summary>
    public RecognizedText Decode(ReadOnlySpan<float> probabilities, int steps)
    {
        var classes = _characters.ClassCount;
        if (probabilities.Length < (long)steps * classes)
        {
            throw new ArgumentException($"{steps} steps of {classes} classes need {(long)steps * classes} values; got {probabilities.Length}.", nameof(probabilities));
        }

        _text.Clear();
        var previous = 0;
        var sum = 0.0;
        var kept = 0;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            var bestValue = row[0];
            for (var c = 1; c < row.Length; c++)
            {
                if (row[c] > bestValue)
                {
                    bestValue = row[c];
                    best = c;
                }
            }

            if (best != 0 && best != previous)
            {
                _text.Append(_characters[best]);
                sum += bestValue;
                kept++;
            }

            previous = best;
        }

        return new RecognizedText(_text.ToString(), kept == 0 ? 0f : (float)(sum / kept));
    }
}
