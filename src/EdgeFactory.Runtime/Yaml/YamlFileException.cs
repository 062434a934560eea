using YamlDotNet.Core;

namespace EdgeFactory.Runtime.Yaml;

/// <summary>A YAML file a line engineer wrote is invalid; the message starts with <c>file:line:column</c>.</summary>
public sealed class YamlFileException : Exception
{
    internal YamlFileException(string file, Mark at, string problem, Exception? inner = null)
        : base($"{file}:{at.Line}:{at.Column}: {problem}", inner)
    {
        File = file;
        Line = at.Line;
        Column = at.Column;
        Problem = problem;
    }

    /// <summary>File with the problem.</summary>
    public string File { get; }

    /// <summary>1-based line (0 when the problem is the file as a whole).</summary>
    public long Line { get; }

    /// <summary>1-based column.</summary>
    public long Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
