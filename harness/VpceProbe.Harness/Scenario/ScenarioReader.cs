using VpceProbe.Contract;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VpceProbe.Harness.Scenario;

/// <summary>
/// Reads a scenario file. Every problem found is collected with its line and column, and the whole list is
/// thrown as one <see cref="ScenarioException"/> so the user fixes them in one pass, before anything changes.
/// </summary>
internal static class ScenarioReader
{
    public static ScenarioDefinition ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException([new(path, 0, "file not found (or use the built-in scenario: walkthrough)")]);
        }

        byte[] buffer = new byte[InputLimits.MaxBytes + 1];
        int read;
        try
        {
            // At most one byte past the limit is read: a 5 GB file or /dev/zero costs 1 MB.
            using var stream = File.OpenRead(path);
            read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException([new(path, 0, $"cannot be read: {e.Message}")]);
        }

        if (read > InputLimits.MaxBytes)
        {
            throw new ScenarioException([new(path, 0, InputText.TooLarge)]);
        }

        return Read(buffer.AsSpan(0, read), path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>The bytes of a file: refused unless UTF-8 without control characters (see <see cref="InputText"/>).</summary>
    public static ScenarioDefinition Read(ReadOnlySpan<byte> bytes, string file, string baseDirectory)
    {
        if (InputText.Decode(bytes, out var yaml) is { } problem)
        {
            throw new ScenarioException([new(file, problem.Line, problem.Message, problem.Column)]);
        }

        return Read(yaml, file, baseDirectory);
    }

    /// <param name="baseDirectory">Where policyFile paths are resolved from.</param>
    public static ScenarioDefinition Read(string yaml, string file, string baseDirectory)
    {
        var root = Parse(yaml, file);
        var errors = new List<ScenarioError>();
        var top = new YamlFields(root, file, errors, "scenario");
        var (targets, targetPositions) = ReadTargets(top.Mapping("targets"), file, errors);
        var probes = top.Sequence("probes");
        var scenario = new ScenarioDefinition
        {
            Name = top.String("name") ?? Path.GetFileNameWithoutExtension(file),
            Source = file,
            VpcId = top.String("vpc"),
            VpcName = top.String("vpcName"),
            Region = top.String("region"),
            VpcCidrs = top.Strings("vpcCidrs"),
            Deadline = top.String("deadline"),
            Targets = targets,
            Probes = ReadList(probes, "probes", file, errors, ScenarioProbeReader.Read),
            ProbesComplete = !top.Refused.Contains("probes") && (probes?.Children.All(p => p is YamlMappingNode) ?? true),
            Phases = ReadList(top.Sequence("phases"), "phases", file, errors, (f, e) => PhaseReader.Read(f, e, baseDirectory)),
        };
        top.RejectUnknown();
        scenario = scenario with
        {
            Positions = top.Positions.Concat(targetPositions.Select(p => KeyValuePair.Create($"targets.{p.Key}", p.Value)))
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
        errors.AddRange(ScenarioValidator.Validate(scenario));
        return errors.Count == 0 ? scenario : throw new ScenarioException(errors);
    }

    private static YamlMappingNode Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        var guard = new YamlGuard(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(guard);
        }
        catch (YamlException ex)
        {
            throw new ScenarioException([new(file, (int)ex.Start.Line, $"not valid YAML: {YamlMessage(ex)}", (int)ex.Start.Column)]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's loader throws these, without a position, on some broken structures: an unclosed [ or {
            // followed by more lines ("Sequence contains no elements"), or an event where a node should be ("The
            // current event is of an unsupported type", found by ScenarioReaderFuzzTests). The last event it
            // parsed is next to the mistake.
            throw new ScenarioException([new(file, (int)guard.LastGood.Line,
                "not valid YAML: the structure breaks here (an unclosed [ or {, or a key or value missing)", (int)guard.LastGood.Column)]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ScenarioException([new(file, 1, "a scenario is a mapping with at least 'probes' and 'phases'", 1)]);
        }

        return root;
    }

    // YamlDotNet's messages repeat the position ("(Line: 3, Col: 5, Idx: 20) - (Line: ...): "); it is already in front.
    private static string YamlMessage(YamlException ex)
    {
        var cut = ex.Message.IndexOf("): ", StringComparison.Ordinal);
        return ex.Message.StartsWith('(') && cut >= 0 ? ex.Message[(cut + 3)..] : ex.Message;
    }

    private static (TargetSelector Targets, IReadOnlyDictionary<string, SourcePosition> Positions) ReadTargets(YamlMappingNode? node, string file, List<ScenarioError> errors)
    {
        if (node is null)
        {
            return (new TargetSelector(), new Dictionary<string, SourcePosition>());
        }

        var fields = new YamlFields(node, file, errors, "targets");
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields.Mapping("tags")?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } tagValue })
            {
                tags[name] = tagValue;
            }
            else
            {
                errors.Add(new(file, YamlFields.PositionOf(value), "targets.tags: each tag is one 'Name: value' line"));
            }
        }

        var targets = new TargetSelector { InstanceIds = fields.Strings("instances"), Tags = tags, Line = fields.Line };
        fields.RejectUnknown();
        return (targets, fields.Positions);
    }

    internal static IReadOnlyList<T> ReadList<T>(
        YamlSequenceNode? sequence, string where, string file, List<ScenarioError> errors, Func<YamlFields, List<ScenarioError>, T> read)
    {
        var items = new List<T>();
        for (var i = 0; i < (sequence?.Children.Count ?? 0); i++)
        {
            if (sequence!.Children[i] is YamlMappingNode map)
            {
                items.Add(read(new YamlFields(map, file, errors, $"{where}[{i}]"), errors));
            }
            else
            {
                errors.Add(new(file, YamlFields.PositionOf(sequence.Children[i]), $"{where}[{i}] must be a mapping (key: value lines)"));
            }
        }

        return items;
    }
}
