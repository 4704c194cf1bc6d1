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
            var expect = (value as YamlScalarNode)?.Value;
            if (expect is null)
            {
                f.Error<string>(value, $"phase '{name}' expect: the value for '{key}' must be an expectation word such as reachable");
                continue;
            }

            expectations.Add(new PhaseExpectation((key as YamlScalarNode)?.Value ?? "", expect, YamlFields.LineOf(key)));
        }

        var phase = new PhaseDefinition(name, f.Line, actions, expectations, f.String("waitFor"));
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
            var path = Path.IsPathRooted(policyFile) ? policyFile : Path.Combine(baseDirectory, policyFile);
            policy = File.Exists(path) ? File.ReadAllText(path) : a.Error<string>(a.Node("policyFile")!, $"policyFile '{path}' not found");
        }

        var action = new ActionDefinition
        {
            Type = type,
            Line = a.Line,
            Service = a.String("service"),
            Policy = policy,
            PrivateDns = a.Bool("privateDns") ?? true,
            Keep = a.Bool("keep") ?? false,
        };
        a.RejectUnknown();
        return action;
    }
}
