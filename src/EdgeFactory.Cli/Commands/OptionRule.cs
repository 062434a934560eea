using System.CommandLine;

namespace EdgeFactory.Cli.Commands;

/// <summary>Adds a check on an option's value that runs only when the value could be read (otherwise the parse error already says why).</summary>
internal static class OptionRule
{
    /// <summary>Adds <paramref name="problem"/>, which returns why a value is unacceptable or null when it is fine.</summary>
    public static void Add<T>(Option<T> option, Func<T, string?> problem)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0)
            {
                return;
            }

            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return;
            }

            if (problem(value) is { } message)
            {
                result.AddError(message);
            }
        });
    }
}
