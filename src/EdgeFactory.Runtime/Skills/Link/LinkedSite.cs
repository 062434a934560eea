using EdgeFactory.Inference;
using EdgeFactory.Inference.Slots;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Robotics.Control;
using EdgeFactory.Runtime.ModelDelivery;
using EdgeFactory.Runtime.Sites;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>
/// The robots of a site that are on the robot link: loads their policies into model slots, connects every controller
/// and starts its control loop before the site takes tasks, and stops them after its robots have stopped.
/// </summary>
public sealed partial class LinkedSite : IHostedService, IAsyncDisposable, IModelSlotTarget
{
    private readonly SiteDefinition _site;
    private readonly SiteEmergencyStop _emergencyStop;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Dictionary<string, LinkedRobot> _robots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModelSlot> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _siteVersions = new(StringComparer.Ordinal);
    private readonly List<LinkedController> _controllers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _meters = [];
    private static readonly TimeSpan BeltStep = TimeSpan.FromMilliseconds(20);
    private bool _stopped;
    private bool _disposed;

    /// <summary>Prepares the site's linked robots; nothing connects until <see cref="StartAsync"/>.</summary>
    public LinkedSite(SiteDefinition site, SiteEmergencyStop emergencyStop, TimeProvider time, ILoggerFactory loggers)
    {
        _site = site;
        _emergencyStop = emergencyStop;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<LinkedSite>();
    }

    /// <summary>The model slots of the site's policies, by policy name (a rollout loads new versions into them).</summary>
    public IReadOnlyDictionary<string, ModelSlot> Policies => _slots;

    /// <summary>Whether the site's e-stop is latched.</summary>
    public bool IsEmergencyStopped() => _emergencyStop.IsLatched;

    /// <summary>Clamps and holds of the safety envelopes, by robot and controller.</summary>
    public IEnumerable<(string Robot, string Controller, long Clamped, long Held)> SafetyCounts() =>
        _robots.Values.SelectMany(r => r.Controllers.Values.Select(c => (r.Definition.RobotId, c.Name, c.Safety?.Clamped ?? 0, c.Safety?.Held ?? 0)));

    /// <summary>The safety envelope's counters of one controller; null when there is no such controller.</summary>
    public EdgeFactory.Robotics.Safety.SafetyStatistics? Statistics(string robot, string controller) =>
        _robots.GetValueOrDefault(robot)?.Controllers.GetValueOrDefault(controller)?.Safety;

    /// <summary>The robot link's counters of one controller (accepted, rejected by reason, lost); null when there is no such controller.</summary>
    public EdgeFactory.Robotics.Link.LinkStatistics? LinkCounts(string robot, string controller) =>
        _robots.GetValueOrDefault(robot)?.Controllers.GetValueOrDefault(controller)?.Link;

    /// <summary>Loops' statistics, by robot and controller.</summary>
    public IEnumerable<(string Robot, string Controller, ControlLoopStatistics Loop)> Loops() =>
        _robots.Values.SelectMany(r => r.Controllers.Values.Where(c => c.Loop is not null).Select(c => (r.Definition.RobotId, c.Name, c.Loop!)));

    /// <summary>Connects every controller; throws (and the edge does not start) when one does not answer.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var robot in _site.Robots.Where(r => r.OnLink))
        {
            var controllers = new Dictionary<string, LinkedController>(StringComparer.Ordinal);
            foreach (var definition in robot.Motion!.Controllers.Values)
            {
                // A policy moves arms and grippers; a belt runs straight at the speed its current move sets.
                IActionChunkSource source = definition.Policy is { } policy
                    ? new PolicyChunkSource(await SlotAsync(policy, cancellationToken).ConfigureAwait(false))
                    : new StraightLineChunkSource(1f, BeltStep, (float)definition.Tolerance / 2) { ModelVersion = "belt" };

                var controller = new LinkedController(robot.RobotId, definition, source, _time, _loggers);
                _controllers.Add(controller);
                await controller.StartAsync(robot.Links[definition.Name], _site.Settings.ControlRateHz, _site.Settings.ChunkRateHz, _emergencyStop.Stop, cancellationToken).ConfigureAwait(false);
                controllers[definition.Name] = controller;
                Connected(_logger, robot.RobotId, definition.Name, robot.Links[definition.Name].ToString(), _site.Settings.ControlRateHz);
            }

            var linked = new LinkedRobot(robot, controllers, _time);
            _robots[robot.RobotId] = linked;
            _meters.Add(linked.Energy.RunAsync(TimeSpan.FromMilliseconds(50), _stopping.Token));
        }
    }

    /// <summary>Stops the loops and closes the links; the controllers' watchdogs then hold the robots.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_meters).ConfigureAwait(false);
        foreach (var controller in _controllers)
        {
            // What the envelope did over the run, so a line engineer sees why a policy was clamped without metrics.
            if (controller.Safety is { } safety)
            {
                EnvelopeSummary(_logger, $"{controller.Robot}/{controller.Name}", safety.Summary(), controller.Loop?.Overruns ?? 0, controller.Loop?.Cycles ?? 0);
            }

            await controller.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var robot in _robots.Values)
        {
            (robot.Meter as IDisposable)?.Dispose();
        }

        _controllers.Clear();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var slot in _slots.Values)
        {
            slot.Dispose();
        }

        _stopping.Dispose();
    }

    /// <summary>
    /// Swaps a verified package (model delivery has checked its passport) into the policy slot named
    /// <paramref name="slot"/>; running loops take the new version at their next chunk. Returns the execution provider.
    /// </summary>
    public async Task<string> SwapAsync(string slot, string directory, ModelPassport passport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passport);
        var target = Slot(slot);
        var version = $"{passport.Name}@{passport.Version}";
        var swapped = await target.LoadAsync(ModelSource.FromFile(Path.Combine(directory, passport.Model)), version, cancellationToken).ConfigureAwait(false);
        if (!swapped.Swapped)
        {
            throw new ModelSlotRefusedException(DeliveryRefusals.LoadRefused, $"Policy {slot} refused {version}: {swapped.Reason}");
        }

        Swapped(_logger, slot, version);
        return Provider(target);
    }

    /// <summary>Loads the policy file the site names for <paramref name="slot"/> again (no delivered version may run there).</summary>
    public async Task<RunningModel> ResetAsync(string slot, CancellationToken cancellationToken)
    {
        var target = Slot(slot);
        var version = _siteVersions[slot];
        var loaded = await target.LoadAsync(ModelSource.FromFile(_site.Settings.Policies[slot]), version, cancellationToken).ConfigureAwait(false);
        if (!loaded.Swapped)
        {
            throw new ModelSlotRefusedException(DeliveryRefusals.LoadRefused, $"Policy {slot} could not load its site model {version} again: {loaded.Reason}");
        }

        Swapped(_logger, slot, version);
        return new RunningModel(slot, slot, version, Provider(target));
    }

    private ModelSlot Slot(string slot) => _slots.TryGetValue(slot, out var target)
        ? target
        : throw new ModelSlotRefusedException(DeliveryRefusals.UnknownSlot, $"No policy '{slot}' runs at site {_site.SiteId}; its policies are {string.Join(", ", _slots.Keys)}.");

    private static string Provider(ModelSlot slot) => (slot.ExecutionProvider ?? ExecutionProviderKind.Cpu).ToString().ToLowerInvariant();

    internal LinkedRobot? Robot(string robotId) => _robots.GetValueOrDefault(robotId);


    private async Task<ModelSlot> SlotAsync(string policy, CancellationToken cancellationToken)
    {
        if (_slots.TryGetValue(policy, out var slot))
        {
            return slot;
        }

        var path = _site.Settings.Policies[policy];
        ModelSignature signature;
        string version;
        using (var session = InferenceSession.Load(path))
        {
            signature = session.Signature;
            version = session.Metadata.Custom.GetValueOrDefault("edgefactory.policy") ?? Path.GetFileNameWithoutExtension(path);
        }

        // Policies are small: one intra-op thread keeps inference off the cores the control loops spin on.
        slot = new ModelSlot(new ModelSlotOptions { Name = policy, Required = signature, Session = new InferenceSessionOptions { IntraOpThreads = 1 } }, _loggers.CreateLogger<ModelSlot>(), _time);
        var loaded = await slot.LoadAsync(ModelSource.FromFile(path), version, cancellationToken).ConfigureAwait(false);
        if (!loaded.Swapped)
        {
            slot.Dispose();
            throw new PolicyShapeException($"Policy {policy} ({path}) could not be loaded: {loaded.Reason}");
        }

        _slots[policy] = slot;
        _siteVersions[policy] = version;
        return slot;
    }

    [LoggerMessage(EventId = 5402, Level = LogLevel.Information, Message = "Controller {Controller} stopped; safety envelope: {Outcomes}; control loop: {Overruns} overruns in {Cycles} cycles")]
    private static partial void EnvelopeSummary(ILogger logger, string controller, string outcomes, long overruns, long cycles);

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Policy {Slot} now runs {Version}; loops take it at their next chunk")]
    private static partial void Swapped(ILogger logger, string slot, string version);

    [LoggerMessage(EventId = 5400, Level = LogLevel.Information, Message = "Robot {Robot}: controller {Controller} at {Address} connected; control loop at {RateHz} Hz")]
    private static partial void Connected(ILogger logger, string robot, string controller, string address, int rateHz);
}
