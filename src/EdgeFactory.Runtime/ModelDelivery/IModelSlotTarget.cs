using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Models;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>Where verified models go: loads, warms and swaps a package into a named slot at its next safe point.</summary>
public interface IModelSlotTarget
{
    /// <summary>
    /// Loads the verified package in <paramref name="directory"/> into <paramref name="slot"/>; returns the execution
    /// provider it runs on. Throws <see cref="ModelSlotRefusedException"/> when the slot does not exist or refuses the model.
    /// </summary>
    Task<string> SwapAsync(string slot, string directory, ModelPassport passport, CancellationToken cancellationToken);

    /// <summary>Loads the slot's own model (the one the site names) again, for when no delivered version may run; returns what runs now.</summary>
    Task<RunningModel> ResetAsync(string slot, CancellationToken cancellationToken);
}
