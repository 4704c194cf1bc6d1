using System.Text.Json;

namespace VpceProbe.Contract;

/// <summary>
/// Builds a <see cref="ProbePlan"/> from a parsed JSON document by hand rather than with the serializer: the
/// serializer stops at the first wrong type and names it with .NET type names, where a plan author needs
/// every mistake at once, by JSON path, in words.
/// </summary>
internal static class PlanBinder
{
    public static readonly IReadOnlyList<string> PlanFields = ["schemaVersion", "region", "endpoints", "vpcCidrs", "deadline", "probes"];

    public static ProbePlan? Bind(JsonElement root, List<PlanError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("$", "a plan is a JSON object such as {\"schemaVersion\": 1, \"probes\": [...]}"));
            return null;
        }

        var f = new JsonFields(root, "", errors);
        var plan = new ProbePlan
        {
            SchemaVersion = f.Int("schemaVersion") ?? 0,
            Region = f.String("region"),
            Endpoints = f.StringMap("endpoints"),
            VpcCidrs = f.Strings("vpcCidrs"),
            Deadline = f.String("deadline"),
            Probes = f.Objects("probes", BindProbe, new ProbeSpec()) ?? [],
        };
        f.RejectUnknown(PlanFields);
        return plan;
    }

    private static ProbeSpec BindProbe(JsonFields f)
    {
        var spec = ProbeSpec.ReadFrom(f);
        f.RejectUnknown(ProbeSpec.FieldNames);
        return spec;
    }
}
