using System.Text;
using System.Text.Json;

namespace VpceProbe.Contract;

/// <summary>Reads a plan from JSON text, a stream or base64 (how the harness passes it through SSM), and validates it.</summary>
public static class PlanReader
{
    public static PlanReadResult FromJson(string json)
    {
        ProbePlan? plan;
        try
        {
            plan = JsonSerializer.Deserialize(json, ContractJson.Default.ProbePlan);
        }
        catch (JsonException ex)
        {
            return PlanReadResult.Failed(new PlanError(FieldOf(ex.Path), Clean(ex.Message)));
        }

        if (plan is null)
        {
            return PlanReadResult.Failed(new PlanError("$", "the plan is empty (null)"));
        }

        var errors = PlanValidator.Validate(plan);
        return errors.Count == 0 ? PlanReadResult.Ok(plan) : new PlanReadResult(null, errors);
    }

    public static PlanReadResult FromBase64(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            return PlanReadResult.Failed(new PlanError("--plan-base64", "is not valid base64"));
        }

        return FromJson(Encoding.UTF8.GetString(bytes));
    }

    public static string ToJson(ProbePlan plan) => JsonSerializer.Serialize(plan, ContractJson.Default.ProbePlan);

    public static string ToBase64(ProbePlan plan) => Convert.ToBase64String(Encoding.UTF8.GetBytes(ToJson(plan)));

    // System.Text.Json paths look like "$.probes[2].port"; people read "probes[2].port".
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    // Strip the .NET type names System.Text.Json puts in its messages: they mean nothing to a plan author.
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.Replace("VpceProbe.Contract.", "", StringComparison.Ordinal);
    }
}

public sealed record PlanReadResult(ProbePlan? Plan, IReadOnlyList<PlanError> Errors)
{
    public bool IsValid => Plan is not null && Errors.Count == 0;

    public static PlanReadResult Ok(ProbePlan plan) => new(plan, []);

    public static PlanReadResult Failed(PlanError error) => new(null, [error]);
}
