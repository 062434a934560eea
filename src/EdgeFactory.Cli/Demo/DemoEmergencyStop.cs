namespace EdgeFactory.Cli.Demo;

/// <summary>The demo's e-stop button: the file the edge's simulated GPIO chip reads (<c>pressed</c> / <c>released</c>).</summary>
internal sealed class DemoEmergencyStop(string buttonFile)
{
    /// <summary>Whether the button is pressed now.</summary>
    public bool Pressed { get; private set; }

    /// <summary>Presses the button, or releases it (which also resets the e-stop).</summary>
    public async Task ToggleAsync(CancellationToken cancellationToken)
    {
        Pressed = !Pressed;
        var temporary = buttonFile + ".new";
        await File.WriteAllTextAsync(temporary, Pressed ? "pressed" : "released", cancellationToken).ConfigureAwait(false);
        File.Move(temporary, buttonFile, overwrite: true);
    }
}
