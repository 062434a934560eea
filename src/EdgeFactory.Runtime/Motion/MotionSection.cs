using EdgeFactory.Runtime.Yaml;

namespace EdgeFactory.Runtime.Motion;

/// <summary>Reads a kind file's <c>motion:</c> section; every error names the file, line and column.</summary>
internal static class MotionSection
{
    public static MotionDefinition Parse(YamlMap motion)
    {
        var controllers = new Dictionary<string, ControllerDefinition>(StringComparer.Ordinal);
        foreach (var entry in motion.RequiredMap("controllers").Entries())
        {
            if (!YamlName.IsValid(entry.Name, 32))
            {
                throw entry.Error(entry.At, $"controller '{entry.Name}' must be lower case letters, digits and '_', starting with a letter");
            }

            controllers[entry.Name] = ParseController(entry.Name, entry.AsMap("controller"));
        }

        var skills = new Dictionary<string, MotionSkillDefinition>(StringComparer.Ordinal);
        foreach (var entry in motion.RequiredMap("skills").Entries())
        {
            var moves = entry.AsListOfMaps() ?? [entry.AsMap("motion skill")];
            if (moves.Count == 0)
            {
                throw entry.Error(entry.ValueAt, $"motion skill '{entry.Name}' has no moves");
            }

            skills[entry.Name] = new MotionSkillDefinition(entry.Name, moves.Select(move => ParseMove(entry.Name, move, controllers)).ToList());
        }

        motion.RejectUnknownKeys();
        return new MotionDefinition(controllers, skills);
    }

    private static ControllerDefinition ParseController(string name, YamlMap map)
    {
        var device = map.StringWithMark("device") switch
        {
            ("arm", _) => ControllerDevice.Arm,
            ("gripper", _) => ControllerDevice.Gripper,
            ("conveyor", _) => ControllerDevice.Conveyor,
            (var other, var at) => throw map.Error(at, $"controller '{name}' has device '{other}'; it must be arm, gripper or conveyor"),
            null => throw map.Error(map.Start, $"controller '{name}' needs a 'device' (arm, gripper or conveyor)"),
        };
        var defaults = new ControllerDefinition(name, device);
        var policy = map.OptionalString("policy");
        if (policy is null && device != ControllerDevice.Conveyor)
        {
            throw map.Error(map.Start, $"controller '{name}' drives a{(device == ControllerDevice.Arm ? "n arm" : " gripper")} and needs a 'policy' (a name under the site file's 'policies:')");
        }

        var keepOut = new List<KeepOutDefinition>();
        foreach (var box in map.OptionalList("keep_out") ?? [])
        {
            var boxName = box.RequiredString("name");
            var min = Corner(box, "min");
            var max = Corner(box, "max");
            for (var i = 0; i < 3; i++)
            {
                if (min[i] >= max[i])
                {
                    throw box.Error(box.MarkOf("max"), $"keep-out box '{boxName}': every coordinate of 'max' must be greater than the same one of 'min'");
                }
            }

            box.RejectUnknownKeys();
            keepOut.Add(new KeepOutDefinition(boxName, min, max));
        }

        if (keepOut.Count > 0 && device != ControllerDevice.Arm)
        {
            throw map.Error(map.MarkOf("keep_out"), $"controller '{name}' is not an arm; keep-out boxes apply to an arm's tool point");
        }

        var controller = defaults with
        {
            Policy = policy,
            AccelerationMax = Positive(map, "acceleration") ?? defaults.AccelerationMax,
            MaxStep = Positive(map, "max_step") ?? defaults.MaxStep,
            Tolerance = Positive(map, "tolerance") ?? defaults.Tolerance,
            KeepOut = keepOut,
        };
        map.RejectUnknownKeys();
        return controller;
    }

    private static MotionMove ParseMove(string skill, YamlMap map, IReadOnlyDictionary<string, ControllerDefinition> controllers)
    {
        var (controllerName, controllerAt) = map.StringWithMark("controller") ?? throw map.Error(map.Start, $"motion skill '{skill}' needs a 'controller'");
        if (!controllers.TryGetValue(controllerName, out var controller))
        {
            throw map.Error(controllerAt, $"motion skill '{skill}' uses controller '{controllerName}', which 'motion.controllers' does not define; it has {string.Join(", ", controllers.Keys)}");
        }

        var pose = map.OptionalNumberList("pose");
        var definition = new MotionMove(controllerName)
        {
            Pose = pose?.Values,
            BinParameter = map.OptionalString("bin"),
            BinPitch = map.OptionalNumber("bin_pitch") ?? 0.05,
            LocateDistance = Positive(map, "locate_distance"),
            Grasp = map.OptionalBool("grasp") ?? false,
            Speed = map.OptionalNumber("speed"),
            SpeedParameter = map.OptionalString("speed_parameter"),
            Distance = Positive(map, "distance"),
            CountParameter = map.OptionalString("count"),
            UntilInput = map.OptionalInt("until_input", 0, 31),
            Output = map.OptionalInt("output", 0, 31),
            OutputValue = map.OptionalBool("value") ?? true,
        };
        var actions = (definition.Pose is not null ? 1 : 0) + (definition.Speed is not null ? 1 : 0) + (definition.Output is not null ? 1 : 0);
        if (actions != 1)
        {
            throw map.Error(map.Start, $"motion skill '{skill}' must do exactly one of: reach a 'pose', run at a 'speed', set an 'output'");
        }

        if (definition.Pose is not null && controller.Device == ControllerDevice.Conveyor)
        {
            throw map.Error(pose!.Value.At, $"motion skill '{skill}': a conveyor has no pose; give it a 'speed'");
        }

        if (definition.Speed is not null && controller.Device != ControllerDevice.Conveyor)
        {
            throw map.Error(map.MarkOf("speed"), $"motion skill '{skill}': only a conveyor runs at a speed; controller '{controllerName}' is a {controller.Device.ToString().ToLowerInvariant()}");
        }

        if ((definition.Distance is not null || definition.CountParameter is not null || definition.UntilInput is not null) && definition.Speed is null)
        {
            throw map.Error(map.Start, $"motion skill '{skill}': 'distance', 'count' and 'until_input' belong to a belt move with a 'speed'");
        }

        if (definition.LocateDistance is not null && (definition.Pose is null || controller.Device != ControllerDevice.Arm))
        {
            throw map.Error(map.MarkOf("locate_distance"), $"motion skill '{skill}': 'locate_distance' steers an arm's pose toward what vision.locate saw");
        }

        if (definition.Grasp && controller.Device != ControllerDevice.Gripper)
        {
            throw map.Error(map.MarkOf("grasp"), $"motion skill '{skill}': only a gripper grasps");
        }

        map.RejectUnknownKeys();
        return definition;
    }

    private static double[] Corner(YamlMap box, string key)
    {
        var corner = box.OptionalNumberList(key) ?? throw box.Error(box.Start, $"a keep-out box needs '{key}: [x, y, z]'");
        return corner.Values.Length == 3 ? corner.Values : throw box.Error(corner.At, $"'{key}' must be three numbers [x, y, z] in metres");
    }

    private static double? Positive(YamlMap map, string key)
    {
        var value = map.OptionalNumber(key);
        return value is null or > 0 ? value : throw map.Error(map.MarkOf(key), $"'{key}' must be greater than 0");
    }
}
