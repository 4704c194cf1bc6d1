using System.Text.Json;
using System.Text.RegularExpressions;

namespace VpceProbe.Harness.Audit;

/// <summary>How an endpoint policy answers one call.</summary>
internal enum PolicyDecisionKind
{
    Allowed,

    /// <summary>No statement allows the call: IAM's default deny.</summary>
    ImplicitDeny,

    /// <summary>A Deny statement matches: it wins over any Allow.</summary>
    ExplicitDeny,

    /// <summary>Not a policy AWS would have accepted: nothing can be said.</summary>
    Unparseable,

    /// <summary>A statement that would decide has a condition the request's known context cannot settle.</summary>
    Undecided,
}

/// <param name="StatementIndex">The deciding statement (0-based, in document order): the Deny, else the first Allow; null for an implicit deny.</param>
/// <param name="Condition">For <see cref="PolicyDecisionKind.Undecided"/>: the condition that cannot be evaluated ("StringEquals aws:PrincipalOrgID").</param>
internal sealed record PolicyDecision(PolicyDecisionKind Kind, int? StatementIndex, string? Condition = null);

/// <summary>
/// Whether an endpoint policy lets one call through: explicit deny first, then allow, else implicit deny. Statements are
/// matched on Action and Resource with IAM's wildcards; principals are not judged (the instance's role is not known
/// here). Conditions are judged only when the caller gives the request's context (<see cref="PolicyConditions"/>);
/// without it a conditional statement counts as matching. No document means AWS's default: full access.
/// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html). Used by `accept`'s derivation and
/// by the prediction of each probe's path.
/// </summary>
internal static class PolicyEvaluator
{
    /// <param name="context">Condition keys the request is known to carry (aws:SourceVpce…); null to leave conditions unjudged.</param>
    public static PolicyDecision Decide(string? document, string action, string resource, IReadOnlyDictionary<string, string>? context = null)
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
        var judged = matching.Select(m => (m.Statement, m.Index, Condition: context is null ? ConditionResult.Holds : PolicyConditions.Judge(m.Statement, context)))
            .Where(m => m.Condition.Kind != ConditionKind.Fails)
            .ToList();
        foreach (var effect in new[] { "Deny", "Allow" })
        {
            var applying = judged.Where(m => Effect(m.Statement) == effect).ToList();
            if (applying.FirstOrDefault(m => m.Condition.Kind == ConditionKind.Holds) is { Statement.ValueKind: not JsonValueKind.Undefined } decided)
            {
                return new(effect == "Deny" ? PolicyDecisionKind.ExplicitDeny : PolicyDecisionKind.Allowed, decided.Index);
            }

            if (applying.FirstOrDefault() is { Statement.ValueKind: not JsonValueKind.Undefined } open)
            {
                return new(PolicyDecisionKind.Undecided, open.Index, open.Condition.Unknown);
            }
        }

        return new(PolicyDecisionKind.ImplicitDeny, null);
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
