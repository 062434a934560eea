using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;

namespace EdgeFactory.Robotics.Energy;

/// <summary>
/// A Jetson's INA3221 through hwmon: finds the <c>hwmon*</c> whose <c>name</c> is <c>ina3221</c> under a configurable
/// sysfs root and sums voltage (<c>in*_input</c>, mV) × current (<c>curr*_input</c>, mA) over its rails. Files stay open
/// and are re-read from offset 0, so a reading allocates nothing.
/// </summary>
public sealed class Ina3221PowerSource : IPowerSource, IDisposable
{
    private readonly SafeFileHandle[] _voltages;
    private readonly SafeFileHandle[] _currents;
    private readonly byte[] _buffer = new byte[32];

    private Ina3221PowerSource(string name, string directory, IReadOnlyList<Ina3221Rail> rails, SafeFileHandle[] voltages, SafeFileHandle[] currents)
    {
        Name = name;
        Directory = directory;
        Rails = rails;
        _voltages = voltages;
        _currents = currents;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The hwmon directory in use.</summary>
    public string Directory { get; }

    /// <summary>The rails summed.</summary>
    public IReadOnlyList<Ina3221Rail> Rails { get; }

    /// <summary>Finds the INA3221 under <paramref name="hwmonRoot"/> (default <c>/sys/class/hwmon</c>); null when there is none.</summary>
    /// <param name="name">Name in telemetry.</param>
    /// <param name="hwmonRoot">Where the <c>hwmon*</c> directories are.</param>
    /// <param name="labels">Rails to sum by label (e.g. <c>VDD_IN</c>); every rail with both files when null.</param>
    public static Ina3221PowerSource? Find(string name, string hwmonRoot = "/sys/class/hwmon", IReadOnlyCollection<string>? labels = null)
    {
        if (!System.IO.Directory.Exists(hwmonRoot))
        {
            return null;
        }

        foreach (var directory in System.IO.Directory.EnumerateDirectories(hwmonRoot, "hwmon*").Order(StringComparer.Ordinal))
        {
            var nameFile = Path.Combine(directory, "name");
            if (!File.Exists(nameFile) || File.ReadAllText(nameFile).Trim() != "ina3221")
            {
                continue;
            }

            var rails = new List<Ina3221Rail>();
            var voltages = new List<SafeFileHandle>();
            var currents = new List<SafeFileHandle>();
            for (var channel = 1; channel <= 16; channel++)
            {
                var voltage = Path.Combine(directory, $"in{channel}_input");
                var current = Path.Combine(directory, $"curr{channel}_input");
                if (!File.Exists(voltage) || !File.Exists(current))
                {
                    continue;
                }

                var labelFile = Path.Combine(directory, $"in{channel}_label");
                var label = File.Exists(labelFile) ? File.ReadAllText(labelFile).Trim() : $"in{channel}";
                if (labels is not null && !labels.Contains(label))
                {
                    continue;
                }

                rails.Add(new Ina3221Rail(channel, label));
                voltages.Add(File.OpenHandle(voltage));
                currents.Add(File.OpenHandle(current));
            }

            if (rails.Count > 0)
            {
                return new Ina3221PowerSource(name, directory, rails, [.. voltages], [.. currents]);
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public bool TryRead(out double watts)
    {
        watts = 0;
        for (var i = 0; i < _voltages.Length; i++)
        {
            if (!TryReadInteger(_voltages[i], out var millivolts) || !TryReadInteger(_currents[i], out var milliamps))
            {
                watts = 0;
                return false;
            }

            watts += millivolts * milliamps / 1_000_000.0;
        }

        return true;
    }

    /// <summary>Closes the sysfs files.</summary>
    public void Dispose()
    {
        foreach (var handle in _voltages.Concat(_currents))
        {
            handle.Dispose();
        }
    }

    private bool TryReadInteger(SafeFileHandle handle, out long value)
    {
        value = 0;
        try
        {
            var read = RandomAccess.Read(handle, _buffer, 0);
            var text = _buffer.AsSpan(0, read).TrimEnd("\n\r \0"u8);
            return Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
