using EdgeFactory.Contracts.Models;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>Where verified models go: loads, warms and swaps a package into a named slot at its next safe point.</summary>
public interface IModelSlotTarget
{
    /// <summary>Loads the verified package in <paramref name="directory"/> into <paramref name="slot"/>; returns the execution provider it runs on.</summary>
    Task<string> SwapAsync(string slot, string directory, ModelPassport passport, CancellationToken cancellationToken);
}
