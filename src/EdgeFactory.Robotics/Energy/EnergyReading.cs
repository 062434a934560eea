namespace EdgeFactory.Robotics.Energy;

/// <summary>Energy used over a window.</summary>
/// <param name="Joules">Energy in joules.</param>
/// <param name="Duration">How long the window was open.</param>
public readonly record struct EnergyReading(double Joules, TimeSpan Duration)
{
    /// <summary>Energy in watt-hours.</summary>
    public double WattHours => Joules / 3600.0;

    /// <summary>Mean power over the window, watts (0 for an empty window).</summary>
    public double MeanWatts => Duration > TimeSpan.Zero ? Joules / Duration.TotalSeconds : 0;
}
