using VpceProbe.Contract;
using YamlDotNet.RepresentationModel;

namespace VpceProbe.Harness.Scenario;

/// <summary>A phase: a name, the actions it applies, then per-probe expectations (probe id: expect).</summary>
internal static class PhaseReader
{
    public static PhaseDefinition Read(YamlFields f, List<ScenarioError> errors, string baseDirectory)
    {
        var name = f.String("name") ?? "";
        f.Require("name", name);
        var file = f.File;
        var actions = ScenarioReader.ReadList(f.Sequence("actions"), $"phase '{name}' actions", file, errors, (a, e) => ReadAction(a, baseDirectory));
        var expectations = new List<PhaseExpectation>();
        foreach (var (key, value) in f.Mapping("expect")?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            if (key is not YamlScalarNode { Value: { } id } || value is not YamlScalarNode { Value: { } expect })
            {
                f.Error<string>(value, $"phase '{name}' expect: each line is 'probe-id: expectation', such as 'egress: reachable'");
                continue;
            }

            var at = YamlFields.PositionOf(key);
            expectations.Add(new PhaseExpectation(id, expect, at.Line, at.Column));
        }

        var phase = new PhaseDefinition(name, f.Line, actions, expectations, f.String("waitFor"))
        {
            Column = f.Position.Column,
            WaitForAt = f.Positions.GetValueOrDefault("waitFor"),
        };
        f.RejectUnknown();
        return phase;
    }

    private static ActionDefinition ReadAction(YamlFields a, string baseDirectory)
    {
        var type = a.String("type") ?? "";
        a.Require("type", type);
        var policy = a.String("policy");
        var policyFile = a.String("policyFile");
        if (policy is not null && policyFile is not null)
        {
            a.Error<string>(a.Node("policyFile")!, "give either policy or policyFile, not both");
        }
        else if (policyFile is not null)
        {
            policy = ReadPolicy(a, Path.IsPathRooted(policyFile) ? policyFile : Path.Combine(baseDirectory, policyFile));
        }

        var action = new ActionDefinition
        {
            Type = type,
            Line = a.Line,
            Column = a.Position.Column,
            Service = a.String("service"),
            ServiceAt = a.Positions.GetValueOrDefault("service"),
            Policy = policy,
            PrivateDns = a.Bool("privateDns") ?? true,
            Keep = a.Bool("keep") ?? false,
        };
        a.RejectUnknown();
        return action;
    }

    private static string? ReadPolicy(YamlFields a, string path)
    {
        if (!File.Exists(path))
        {
            return a.Error<string>(a.Node("policyFile")!, $"policyFile {Printable.Quote(path)} not found");
        }

        var bytes = new FileInfo(path).Length > InputLimits.MaxBytes ? null : File.ReadAllBytes(path);
        if (bytes is null || InputText.Decode(bytes, out var text) is not null)
        {
            return a.Error<string>(a.Node("policyFile")!, $"policyFile {Printable.Quote(path)} is not a UTF-8 text file of at most 1 MB");
        }

        return text;
    }
}
