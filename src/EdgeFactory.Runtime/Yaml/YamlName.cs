namespace EdgeFactory.Runtime.Yaml;

/// <summary>The one rule for names line engineers write as keys (kinds, task types, parameters, controllers): lower-case letters, digits and '_', starting with a letter.</summary>
internal static class YamlName
{
    public static bool IsValid(string name, int maxLength) =>
        name.Length is > 0 and var n && n <= maxLength && char.IsAsciiLetterLower(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
