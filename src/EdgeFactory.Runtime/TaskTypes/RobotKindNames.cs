using EdgeFactory.Runtime.Yaml;

namespace EdgeFactory.Runtime.TaskTypes;

/// <summary>
/// Robot family names as written in site and kind files. A family is data: <c>robots/kinds/{name}.yaml</c> defines
/// it, so adding one needs no code change.
/// </summary>
public static class RobotKindNames
{
    /// <summary>The longest name.</summary>
    public const int MaxLength = 32;

    /// <summary>Whether <paramref name="name"/> can name a family: lower-case letters, digits and '_', starting with a letter.</summary>
    public static bool IsValid(string name) => YamlName.IsValid(name, MaxLength);

    /// <summary>What <see cref="IsValid"/> asks, in words.</summary>
    public const string Rule = "lower-case letters, digits and '_', starting with a letter, at most 32";
}
