using EdgeFactory.Contracts.Topics;
using EdgeFactory.Runtime.Skills;
using EdgeFactory.Runtime.TaskTypes;
using EdgeFactory.Runtime.Yaml;
using YamlDotNet.Core;

namespace EdgeFactory.Runtime.Sites;

/// <summary>
/// Loads and checks a site file (<c>robots/sites/*.yaml</c>) and the robot kind files it uses (<c>robots/kinds/</c>
/// unless the site names another folder with <c>kinds:</c>); every error names the file, line and column.
/// </summary>
public static class SiteFile
{
    /// <summary>Reads <paramref name="path"/>; throws <see cref="YamlFileException"/> on any problem.</summary>
    public static SiteDefinition Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Site file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path), Path.GetFullPath(path));
    }

    /// <summary>Parses site YAML; <paramref name="file"/> is used in error messages and to find the kinds folder.</summary>
    public static SiteDefinition Parse(string yaml, string file)
    {
        var root = YamlMap.Parse(yaml, file);
        var site = Id(root, "site");
        if (site == Topics.FleetLevel)
        {
            throw root.Error(root.Start, $"'{Topics.FleetLevel}' is reserved and cannot be a site id");
        }

        var device = Id(root, "device");
        var robots = new List<(RobotDefinition Robot, YamlMap Map, IReadOnlyList<(string Value, Mark At)>? Tasks)>();
        foreach (var entry in root.RequiredList("robots"))
        {
            var id = Id(entry, "id");
            if (robots.Any(r => r.Robot.RobotId == id))
            {
                throw entry.Error(entry.Start, $"robot id '{id}' appears twice");
            }

            var (kindName, kindAt) = entry.StringWithMark("kind") ?? throw entry.Error(entry.Start, $"robot '{id}' needs a 'kind'");
            if (!RobotKindNames.IsValid(kindName))
            {
                throw entry.Error(kindAt, $"robot '{id}' has kind '{kindName}'; a kind is named after its file under the kinds folder ({RobotKindNames.Rule})");
            }

            var robot = new RobotDefinition(id, kindName, entry.OptionalString("name") ?? id)
            {
                Simulation = entry.OptionalMap("simulation") is { } simulation ? ParseSimulation(simulation) : new SimulationOptions(),
                Links = RobotLinks.Parse(entry, id),
                Energy = ParseEnergy(entry, id),
                Camera = CameraSection.Parse(entry, id),
            };
            robots.Add((robot, entry, entry.OptionalStringList("tasks")));
            entry.RejectUnknownKeys();
        }

        if (robots.Count == 0)
        {
            throw root.Error(root.Start, "a site needs at least one robot under 'robots:'");
        }

        var kindsFolder = root.OptionalString("kinds") ?? Path.Combine("..", "kinds");
        var kindsPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file) ?? ".", kindsFolder));
        var settings = ParseSettings(root, site) with { Vision = VisionSection.Parse(root, robots.Find(r => r.Robot.Camera is not null).Map, kindsPath) };
        settings = settings with { ModelDelivery = ModelDeliverySection.Parse(root, robots.Exists(r => r.Robot.OnLink), settings.Policies) };
        root.RejectUnknownKeys();

        // Kinds are read after the site itself checked out, so a typo in the site is reported first.
        var kinds = new Dictionary<string, RobotKindDefinition>(StringComparer.Ordinal);
        var placed = new List<RobotDefinition>();
        foreach (var (robot, map, tasks) in robots)
        {
            if (!kinds.TryGetValue(robot.Kind, out var definition))
            {
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file) ?? ".", kindsFolder, robot.Kind + ".yaml"));
                if (!File.Exists(path))
                {
                    throw map.Error(map.MarkOf("kind"), $"robot '{robot.RobotId}' is a {robot.Kind}, but its kind file '{path}' does not exist; add it to define the kind");
                }

                definition = RobotKindFile.Load(path);
                if (definition.Kind != robot.Kind)
                {
                    throw map.Error(map.MarkOf("kind"), $"robot '{robot.RobotId}' is a {robot.Kind}, but its kind file '{path}' declares kind '{definition.Kind}'");
                }

                kinds[robot.Kind] = definition;
            }

            var chosen = definition.Tasks;
            if (tasks is not null)
            {
                foreach (var (task, at) in tasks)
                {
                    if (!definition.Tasks.ContainsKey(task))
                    {
                        throw map.Error(at, $"robot '{robot.RobotId}' lists task '{task}', which a {robot.Kind} cannot do; its kind file has {string.Join(", ", definition.Tasks.Keys)}");
                    }
                }

                chosen = definition.Tasks.Where(t => tasks.Any(x => x.Value == t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            }

            var links = robot.OnLink ? RobotLinks.Resolve(map, robot, definition, chosen.Values, settings.Policies) : robot.Links;
            placed.Add(robot with { Tasks = chosen, Links = links, Motion = robot.OnLink ? definition.Motion : null });
        }

        return new SiteDefinition(site, device, placed, file) { Settings = settings };
    }

    private static SimulationOptions ParseSimulation(YamlMap map)
    {
        var defaults = new SimulationOptions();
        var options = new SimulationOptions
        {
            StepTime = map.OptionalDuration("step_time", allowZero: true) ?? defaults.StepTime,
            Jitter = Rate(map, "jitter") ?? defaults.Jitter,
            FailureRate = Rate(map, "failure_rate") ?? 0,
            DefectRate = Rate(map, "defect_rate") ?? 0,
            CrashRate = Rate(map, "crash_rate") ?? 0,
        };
        map.RejectUnknownKeys();
        return options;
    }

    private static double? Rate(YamlMap map, string key)
    {
        var value = map.OptionalNumber(key);
        return value is null or (>= 0 and <= 1) ? value : throw map.Error(map.MarkOf(key), $"'{key}' must be between 0 and 1");
    }

    private static SiteSettings ParseSettings(YamlMap root, string site)
    {
        var defaults = new SiteSettings();
        var settings = defaults;
        if (root.OptionalMap("limits") is { } limits)
        {
            settings = settings with
            {
                MaxOpenTasks = limits.OptionalInt("max_open_tasks", 1, 10_000_000) ?? defaults.MaxOpenTasks,
                MaxPayloadBytes = limits.OptionalInt("max_payload_bytes", 1024, 262_144) ?? defaults.MaxPayloadBytes,
            };
            limits.RejectUnknownKeys();
        }

        if (root.OptionalMap("supervision") is { } supervision)
        {
            settings = settings with
            {
                MaxRestarts = supervision.OptionalInt("max_restarts", 0, 1000) ?? defaults.MaxRestarts,
                RestartWindow = supervision.OptionalDuration("window") ?? defaults.RestartWindow,
                RestartBackoff = supervision.OptionalDuration("backoff") ?? defaults.RestartBackoff,
                MaxRestartBackoff = supervision.OptionalDuration("max_backoff") ?? defaults.MaxRestartBackoff,
                OnRobotFault = supervision.StringWithMark("on_robot_fault") switch
                {
                    null or ("reroute", _) => RobotFaultPolicy.Reroute,
                    ("fail", _) => RobotFaultPolicy.Fail,
                    var (other, at) => throw supervision.Error(at, $"on_robot_fault '{other}' must be reroute or fail"),
                },
            };
            supervision.RejectUnknownKeys();
        }

        if (root.OptionalMap("journal") is { } journal)
        {
            settings = settings with
            {
                JournalRetention = journal.OptionalDuration("retention") ?? defaults.JournalRetention,
                JournalSyncFull = journal.StringWithMark("sync") switch
                {
                    null or ("full", _) => true,
                    ("normal", _) => false,
                    var (other, at) => throw journal.Error(at, $"sync '{other}' must be full (survives power loss) or normal (survives process crashes)"),
                },
            };
            journal.RejectUnknownKeys();
        }

        if (root.OptionalMap("telemetry") is { } telemetry)
        {
            // Shorter windows tell the factory sooner (a rollout's gate judges whole windows); each is a message and a row.
            var window = telemetry.OptionalDuration("window") ?? defaults.TelemetryWindow;
            if (window < TimeSpan.FromSeconds(1) || window > TimeSpan.FromHours(1))
            {
                throw telemetry.Error(telemetry.StringWithMark("window")!.Value.At, $"telemetry window {DurationText.Format(window)} must be between 1s and 1h");
            }

            settings = settings with { TelemetryWindow = window };
            telemetry.RejectUnknownKeys();
        }

        if (root.OptionalMap("policies") is { } policies)
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in policies.Entries())
            {
                var path = entry.Scalar ?? throw entry.Error(entry.ValueAt, $"policy '{entry.Name}' must name an ONNX file");
                files[entry.Name] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(root.File) ?? ".", path));
            }

            settings = settings with { Policies = files };
        }

        if (root.OptionalMap("control") is { } control)
        {
            settings = settings with
            {
                ControlRateHz = control.OptionalInt("rate_hz", 100, 500) ?? defaults.ControlRateHz,
                ChunkRateHz = control.OptionalInt("chunk_hz", 1, 50) ?? defaults.ChunkRateHz,
            };
            control.RejectUnknownKeys();
        }

        if (root.OptionalMap("io") is { } io)
        {
            settings = settings with { Io = ParseIo(io) };
        }

        if (root.OptionalMap("mes") is { } mes)
        {
            settings = settings with { ReplyTopics = ParseReplyTopics(mes, site) };
            mes.RejectUnknownKeys();
        }

        return settings;
    }

    private static EnergySourceDefinition ParseEnergy(YamlMap robot, string id)
    {
        if (!robot.HasMapping("energy"))
        {
            return robot.StringWithMark("energy") switch
            {
                null or ("plant", _) => EnergySourceDefinition.Plant,
                var (other, at) => throw robot.Error(at, $"robot '{id}': energy '{other}' must be plant, or a mapping naming ina3221 or ina219"),
            };
        }

        var energy = robot.OptionalMap("energy")!;
        EnergySourceDefinition source;
        if (energy.OptionalMap("ina3221") is { } rails)
        {
            var labels = rails.OptionalStringList("rails")?.Select(r => r.Value).ToList();
            source = new EnergySourceDefinition { Ina3221Rails = labels ?? [], HwmonRoot = rails.OptionalString("hwmon") ?? "/sys/class/hwmon" };
            rails.RejectUnknownKeys();
        }
        else if (energy.OptionalMap("ina219") is { } monitor)
        {
            var address = monitor.OptionalInt("address", 0x40, 0x4F) ?? 0x40;
            var calibration = monitor.OptionalInt("calibration", 1, 65535) ?? 4096;
            var lsb = monitor.OptionalNumber("current_lsb") ?? 0.0001;
            if (lsb is <= 0 or > 1)
            {
                throw monitor.Error(monitor.MarkOf("current_lsb"), "'current_lsb' must be amps per bit, more than 0 and at most 1");
            }

            source = new EnergySourceDefinition { Ina219 = (monitor.OptionalInt("bus", 0, 64) ?? 1, address, (ushort)calibration, (float)lsb) };
            monitor.RejectUnknownKeys();
        }
        else
        {
            throw energy.Error(energy.Start, $"robot '{id}': energy names ina3221 (a Jetson's rails) or ina219 (a monitor on I2C)");
        }

        energy.RejectUnknownKeys();
        return source;
    }

    private static SiteIoSettings ParseIo(YamlMap io)
    {
        var defaults = new SiteIoSettings();
        var libgpiod = io.StringWithMark("gpio") switch
        {
            null or ("simulated", _) => false,
            ("libgpiod", _) => true,
            var (other, at) => throw io.Error(at, $"gpio '{other}' must be libgpiod (a device's GPIO chip) or simulated"),
        };
        var settings = defaults with { LibGpiod = libgpiod, Chip = io.OptionalInt("chip", 0, 64) ?? defaults.Chip };
        if (io.OptionalMap("estop") is { } estop)
        {
            settings = settings with
            {
                EmergencyStopLine = estop.OptionalInt("line", 0, 1023) ?? defaults.EmergencyStopLine,
                EmergencyStopActiveHigh = estop.StringWithMark("active") switch
                {
                    null or ("low", _) => false,
                    ("high", _) => true,
                    var (other, at) => throw estop.Error(at, $"active '{other}' must be low (a normally-closed loop with a pull-up) or high"),
                },
            };
            estop.RejectUnknownKeys();
        }

        if (io.OptionalMap("stack_light") is { } light)
        {
            settings = settings with
            {
                StackLight = (
                    light.OptionalInt("green", 0, 1023) ?? defaults.StackLight.Green,
                    light.OptionalInt("amber", 0, 1023) ?? defaults.StackLight.Amber,
                    light.OptionalInt("red", 0, 1023) ?? defaults.StackLight.Red),
            };
            light.RejectUnknownKeys();
        }

        var lines = new[] { settings.EmergencyStopLine, settings.StackLight.Green, settings.StackLight.Amber, settings.StackLight.Red };
        if (lines.Distinct().Count() != lines.Length)
        {
            throw io.Error(io.Start, "the e-stop and the stack light's three lamps need four different lines");
        }

        io.RejectUnknownKeys();
        return settings;
    }

    // '{site}' stands for the site id, so one file reads the same at every site; each must be a subscription filter.
    private static IReadOnlyList<string>? ParseReplyTopics(YamlMap mes, string site)
    {
        if (mes.OptionalStringList("reply_topics") is not { } given)
        {
            return null;
        }

        var filters = new List<string>();
        foreach (var (value, at) in given)
        {
            var filter = value.Replace("{site}", site, StringComparison.Ordinal);
            try
            {
                Mqtt.MqttTopic.ValidateFilter(filter);
            }
            catch (Mqtt.MqttException e)
            {
                throw mes.Error(at, $"reply topic '{value}' is not a valid MQTT topic filter: {e.Message}");
            }

            if (filter.StartsWith('#') || filter.StartsWith("+/", StringComparison.Ordinal) || filter == "+")
            {
                throw mes.Error(at, $"reply topic '{value}' would let a submitter make the edge publish on any topic; start it with a fixed level such as 'ef/v1/{{site}}/mes/replies/#'");
            }

            filters.Add(filter);
        }

        return filters;
    }

    private static string Id(YamlMap map, string key)
    {
        var (value, at) = map.StringWithMark(key) ?? throw map.Error(map.Start, $"'{key}' is required");
        return TopicSegment.IsValid(value)
            ? value
            : throw map.Error(at, $"{key} '{value}' is invalid: use 1 to {TopicSegment.MaxLength} letters, digits, '_', '.', ':' or '-', starting with a letter or digit");
    }
}
