using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VpceProbe.Harness.Scenario;

/// <summary>
/// Reads a scenario file. Every problem found is collected with its line, and the whole list is
/// thrown as one <see cref="ScenarioException"/> so the user fixes them in one pass, before anything changes.
/// </summary>
public static class ScenarioReader
{
    public static ScenarioDefinition ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException([new(path, 0, "file not found (or use the built-in scenario: walkthrough)")]);
        }

        return Read(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <param name="baseDirectory">Where policyFile paths are resolved from.</param>
    public static ScenarioDefinition Read(string yaml, string file, string baseDirectory)
    {
        var errors = new List<ScenarioError>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ScenarioException([new(file, (int)ex.Start.Line, $"not valid YAML: {ex.Message}")]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ScenarioException([new(file, 1, "a scenario is a mapping with at least 'probes' and 'phases'")]);
        }

        var top = new YamlFields(root, file, errors, "scenario");
        var scenario = new ScenarioDefinition
        {
            Name = top.String("name") ?? Path.GetFileNameWithoutExtension(file),
            Source = file,
            VpcId = top.String("vpc"),
            VpcName = top.String("vpcName"),
            Region = top.String("region"),
            VpcCidrs = top.Strings("vpcCidrs"),
            Deadline = top.String("deadline"),
            Targets = ReadTargets(top.Mapping("targets"), file, errors),
            Probes = ReadList(top.Sequence("probes"), "probes", file, errors, ScenarioProbeReader.Read),
            Phases = ReadList(top.Sequence("phases"), "phases", file, errors, (f, e) => PhaseReader.Read(f, e, baseDirectory)),
        };
        top.RejectUnknown();
        errors.AddRange(ScenarioValidator.Validate(scenario));
        return errors.Count == 0 ? scenario : throw new ScenarioException(errors);
    }

    private static TargetSelector ReadTargets(YamlMappingNode? node, string file, List<ScenarioError> errors)
    {
        if (node is null)
        {
            return new TargetSelector();
        }

        var fields = new YamlFields(node, file, errors, "targets");
        var tags = fields.Mapping("tags")?.Children.ToDictionary(
            kv => (kv.Key as YamlScalarNode)?.Value ?? "", kv => (kv.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal);
        var targets = new TargetSelector { InstanceIds = fields.Strings("instances"), Tags = tags ?? [], Line = fields.Line };
        fields.RejectUnknown();
        return targets;
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
                errors.Add(new(file, YamlFields.LineOf(sequence.Children[i]), $"{where}[{i}] must be a mapping"));
            }
        }

        return items;
    }
}
