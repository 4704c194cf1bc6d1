using System.Text.Json;
using System.Text.RegularExpressions;

namespace VpceProbe.Harness.Audit;

/// <summary>How an endpoint policy answers one call.</summary>
public enum PolicyDecisionKind
{
    Allowed,

    /// <summary>No statement allows the call: IAM's default deny.</summary>
    ImplicitDeny,

    /// <summary>A Deny statement matches: it wins over any Allow.</summary>
    ExplicitDeny,

    /// <summary>Not a policy AWS would have accepted: nothing can be said.</summary>
    Unparseable,
}

/// <param name="StatementIndex">The deciding statement (0-based, in document order): the Deny, else the first Allow; null for an implicit deny.</param>
public sealed record PolicyDecision(PolicyDecisionKind Kind, int? StatementIndex);

/// <summary>
/// Whether an endpoint policy lets one call through: explicit deny first, then allow, else implicit deny. Statements are
/// matched on Action and Resource with IAM's wildcards; principals and conditions are not judged (the instance's role
/// is not known here), so a conditional Allow counts as allowing. No document means AWS's default: full access.
/// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html). Used by `accept`'s derivation and
/// by the prediction of each probe's path.
/// </summary>
public static class PolicyEvaluator
{
    public static PolicyDecision Decide(string? document, string action, string resource)
    {
        if (string.IsNullOrWhiteSpace(document))
        {
            return new(PolicyDecisionKind.Allowed, null);
        }

        List<JsonElement> statements;
        try
        {
            using var parsed = JsonDocument.Parse(document);
            if (!parsed.RootElement.TryGetProperty("Statement", out var statement))
            {
                return new(PolicyDecisionKind.Unparseable, null);
            }

            statements = statement.ValueKind == JsonValueKind.Array ? [.. statement.EnumerateArray().Select(s => s.Clone())] : [statement.Clone()];
        }
        catch (JsonException)
        {
            return new(PolicyDecisionKind.Unparseable, null);
        }

        var matching = statements.Select((s, i) => (Statement: s, Index: i))
            .Where(s => s.Statement.ValueKind == JsonValueKind.Object && Matches(s.Statement, "Action", action) && Matches(s.Statement, "Resource", resource))
            .ToList();
        var deny = matching.FirstOrDefault(s => Effect(s.Statement) == "Deny");
        if (deny.Statement.ValueKind != JsonValueKind.Undefined)
        {
            return new(PolicyDecisionKind.ExplicitDeny, deny.Index);
        }

        var allow = matching.FirstOrDefault(s => Effect(s.Statement) == "Allow");
        return allow.Statement.ValueKind != JsonValueKind.Undefined ? new(PolicyDecisionKind.Allowed, allow.Index) : new(PolicyDecisionKind.ImplicitDeny, null);
    }

    private static string? Effect(JsonElement statement) =>
        statement.TryGetProperty("Effect", out var effect) && effect.ValueKind == JsonValueKind.String ? effect.GetString() : null;

    // Endpoint policies may omit Resource: AWS then applies the statement to every resource.
    private static bool Matches(JsonElement statement, string field, string value)
    {
        if (!statement.TryGetProperty(field, out var patterns))
        {
            return field == "Resource";
        }

        var list = patterns.ValueKind == JsonValueKind.Array ? patterns.EnumerateArray().ToList() : [patterns];
        return list.Any(p => p.ValueKind == JsonValueKind.String && Wildcard(p.GetString()!, value));
    }

    // Actions are case-insensitive in IAM; resources are matched the same way here, which errs toward "allowed".
    private static bool Wildcard(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
