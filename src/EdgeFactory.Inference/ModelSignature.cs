namespace EdgeFactory.Inference;

/// <summary>The inputs and outputs of a model, or what a consumer of a <see cref="Slots.ModelSlot"/> requires of every version.</summary>
/// <param name="Inputs">Inputs in graph order.</param>
/// <param name="Outputs">Outputs in graph order.</param>
public sealed record ModelSignature(IReadOnlyList<TensorDescriptor> Inputs, IReadOnlyList<TensorDescriptor> Outputs)
{
    /// <summary>
    /// What keeps a model with this signature from serving a consumer that requires <paramref name="required"/>:
    /// each required input and output must exist with the same element type and rank, and a fixed required dimension
    /// must be fixed to the same size or open in the model. Extra model outputs are allowed; extra inputs are not, because nobody would feed them.
    /// </summary>
    public IReadOnlyList<string> MismatchesAgainst(ModelSignature required)
    {
        var problems = new List<string>();
        Compare("input", required.Inputs, Inputs, problems);
        Compare("output", required.Outputs, Outputs, problems);
        foreach (var extra in Inputs.Where(i => required.Inputs.All(r => r.Name != i.Name)))
        {
            problems.Add($"the model has an input '{extra.Name}' the consumer does not provide");
        }

        return problems;
    }

    private static void Compare(string kind, IReadOnlyList<TensorDescriptor> required, IReadOnlyList<TensorDescriptor> actual, List<string> problems)
    {
        foreach (var want in required)
        {
            var have = actual.FirstOrDefault(a => a.Name == want.Name);
            if (have is null)
            {
                problems.Add($"{kind} '{want.Name}' is missing (model has {string.Join(", ", actual.Select(a => a.Name))})");
                continue;
            }

            if (have.ElementType != want.ElementType || have.Dimensions.Count != want.Dimensions.Count
                || want.Dimensions.Where((d, i) => d >= 0 && have.Dimensions[i] >= 0 && have.Dimensions[i] != d).Any())
            {
                problems.Add($"{kind} '{want.Name}' is {have.ShapeText}, expected {want.ShapeText}");
            }
        }
    }
}
