using System.Text.Json;
using System.Text.RegularExpressions;

namespace VpceProbe.Harness.Discovery.Derivation.Rules;

/// <summary>
/// Whether an endpoint policy lets one call through, to derive what a harmless call through a gateway endpoint
/// should see: allowed, or denied by the policy (which still proves the path). Statements are matched on Action and
/// Resource with IAM's wildcards; principals and conditions are not judged (the instance's role is not known here),
/// so a conditional Allow counts as allowing. An explicit Deny wins. No document means AWS's default: full access.
/// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html)
/// </summary>
internal static class PolicyCall
{
    public static bool Allows(string? document, string action, string resource)
    {
        if (string.IsNullOrWhiteSpace(document))
        {
            return true;
        }

        List<JsonElement> statements;
        try
        {
            using var parsed = JsonDocument.Parse(document);
            if (!parsed.RootElement.TryGetProperty("Statement", out var statement))
            {
                return false;
            }

            statements = statement.ValueKind == JsonValueKind.Array ? [.. statement.EnumerateArray().Select(s => s.Clone())] : [statement.Clone()];
        }
        catch (JsonException)
        {
            // AWS refuses a policy that is not JSON, so this one decides nothing we can predict: say denied.
            return false;
        }

        var matching = statements.Where(s => s.ValueKind == JsonValueKind.Object && Matches(s, "Action", action) && Matches(s, "Resource", resource)).ToList();
        return !matching.Any(s => Effect(s) == "Deny") && matching.Any(s => Effect(s) == "Allow");
    }

    private static string? Effect(JsonElement statement) =>
        statement.TryGetProperty("Effect", out var effect) && effect.ValueKind == JsonValueKind.String ? effect.GetString() : null;

    private static bool Matches(JsonElement statement, string field, string value)
    {
        if (!statement.TryGetProperty(field, out var patterns))
        {
            return false;
        }

        var list = patterns.ValueKind == JsonValueKind.Array ? patterns.EnumerateArray().ToList() : [patterns];
        return list.Any(p => p.ValueKind == JsonValueKind.String && Wildcard(p.GetString()!, value));
    }

    // Actions are case-insensitive in IAM; resources are matched the same way here, which errs toward "allowed".
    private static bool Wildcard(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
