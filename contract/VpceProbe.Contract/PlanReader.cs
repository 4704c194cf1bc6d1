using System.Text;
using System.Text.Json;

namespace VpceProbe.Contract;

/// <summary>
/// Reads a plan from UTF-8 bytes, JSON text or base64 (how the harness passes it through SSM), and validates
/// it. Every problem is returned, located by line and column (the text) or JSON path (the fields).
/// </summary>
public static class PlanReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = InputLimits.MaxDepth,
    };

    public static PlanReadResult FromUtf8(ReadOnlySpan<byte> bytes)
    {
        if (InputText.Decode(bytes, out var text) is { } problem)
        {
            return PlanReadResult.Failed(new PlanError("$", problem.Message, problem.Line, problem.Column));
        }

        return FromJson(text);
    }

    public static PlanReadResult FromJson(string json)
    {
        if (Encoding.UTF8.GetMaxByteCount(json.Length) > InputLimits.MaxBytes && Encoding.UTF8.GetByteCount(json) > InputLimits.MaxBytes)
        {
            return PlanReadResult.Failed(new PlanError("$", InputText.TooLarge));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            return PlanReadResult.Failed(JsonSyntaxMessages.Describe(e));
        }

        using (document)
        {
            var errors = new List<PlanError>();
            var plan = PlanBinder.Bind(document.RootElement, errors);
            if (plan is null)
            {
                return new PlanReadResult(null, errors);
            }

            // A field the binder already refused (a string where a number goes) is not reported again as missing.
            var refused = errors.Select(e => e.Field).ToList();
            errors.AddRange(PlanValidator.Validate(plan).Where(e => !refused.Any(field => Covers(field, e.Field))));
            return errors.Count == 0 ? PlanReadResult.Ok(plan) : new PlanReadResult(null, errors);
        }
    }

    public static PlanReadResult FromBase64(string base64)
    {
        // Four base64 characters carry three bytes: refuse before decoding what could only be too large.
        if (base64.Length / 4 * 3 > InputLimits.MaxBytes + 3)
        {
            return PlanReadResult.Failed(new PlanError("--plan-base64", $"the plan is larger than the limit of {InputLimits.MaxBytes} bytes (1 MB)"));
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            return PlanReadResult.Failed(new PlanError("--plan-base64", "is not valid base64"));
        }

        return FromUtf8(bytes);
    }

    private static bool Covers(string refused, string field) =>
        field == refused || (field.StartsWith(refused, StringComparison.Ordinal) && field[refused.Length] is '.' or '[');

    public static string ToJson(ProbePlan plan) => JsonSerializer.Serialize(plan, ContractJson.Default.ProbePlan);

    public static string ToBase64(ProbePlan plan) => Convert.ToBase64String(Encoding.UTF8.GetBytes(ToJson(plan)));
}

public sealed record PlanReadResult(ProbePlan? Plan, IReadOnlyList<PlanError> Errors)
{
    public bool IsValid => Plan is not null && Errors.Count == 0;

    public static PlanReadResult Ok(ProbePlan plan) => new(plan, []);

    public static PlanReadResult Failed(PlanError error) => new(null, [error]);
}
