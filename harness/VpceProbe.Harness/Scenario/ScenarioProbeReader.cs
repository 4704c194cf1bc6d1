using VpceProbe.Contract;

namespace VpceProbe.Harness.Scenario;

/// <summary>A probe in YAML: exactly the plan's field names, so a plan's probe can be pasted in.</summary>
internal static class ScenarioProbeReader
{
    public static ScenarioProbe Read(YamlFields f, List<ScenarioError> errors)
    {
        var spec = new ProbeSpec
        {
            Id = f.String("id") ?? "",
            Kind = f.String("kind") ?? "",
            Expect = f.String("expect") ?? "",
            Timeout = f.String("timeout"),
            WaitFor = f.String("waitFor"),
            Name = f.String("name"),
            Nameserver = f.String("nameserver"),
            Host = f.String("host"),
            Port = f.Int("port"),
            Url = f.String("url"),
            Bucket = f.String("bucket"),
            SecretId = f.String("secretId"),
        };
        f.Require("id", spec.Id);
        f.Require("kind", spec.Kind);
        f.RejectUnknown();
        return new ScenarioProbe(spec, f.Line);
    }
}
