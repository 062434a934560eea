namespace EdgeFactory.Contracts.Models;

/// <summary>One input or output of a model; -1 marks an open dimension.</summary>
/// <param name="Name">Tensor name.</param>
/// <param name="ElementType">Element type, e.g. <c>float32</c>.</param>
/// <param name="Shape">Dimensions.</param>
public sealed record PassportTensor(string Name, string ElementType, IReadOnlyList<long> Shape);
