namespace EdgeFactory.Vision.Ocr;

/// <summary>
/// The recognition model's classes: index 0 is the CTC blank, 1..N the lines of the character list file, N+1 a space
/// (PP-OCR's layout, so a model with N+2 classes fits a list of N characters).
/// </summary>
public sealed class CharacterList
{
    private readonly string[] _classes;

    /// <summary>A list of <paramref name="characters"/>, one per class after the blank, with the space appended.</summary>
    public CharacterList(IEnumerable<string> characters)
    {
        ArgumentNullException.ThrowIfNull(characters);
        _classes = ["", .. characters, " "];
    }

    /// <summary>Number of classes the model must output (blank, characters, space).</summary>
    public int ClassCount => _classes.Length;

    /// <summary>The text of class <paramref name="index"/> (empty for the blank).</summary>
    public string this[int index] => _classes[index];

    /// <summary>Reads a character list file: one character per line, UTF-8.</summary>
    public static CharacterList Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new VisionException(VisionErrorCode.CharacterListMismatch, $"{path}: no such character list (PP-OCR's ppocr_keys_v1.txt is installed by `make deps`).");
        }

        var lines = File.ReadAllText(path).Split('\n');
        // A final newline ends the last line; it is not an empty character.
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        return new CharacterList(lines.Take(count).Select(l => l.TrimEnd('\r')));
    }

    /// <summary>Checks that a model with <paramref name="classes"/> outputs fits this list.</summary>
    public void CheckFits(long classes, string model)
    {
        if (classes != ClassCount)
        {
            throw new VisionException(VisionErrorCode.CharacterListMismatch, $"{model} outputs {classes} classes; the character list gives {ClassCount} (blank + {ClassCount - 2} characters + space). Use the list the model was trained with.");
        }
    }
}
