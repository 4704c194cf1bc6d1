using System.Text.Json;
using VpceProbe.Contract.Aws;

namespace VpceProbe.Lab.Policies;

/// <summary>
/// A VPC endpoint policy: IAM policy JSON whose Statement is one object or a list. Evaluated as IAM does
/// for a single policy: an explicit Deny wins, then any Allow, else the request is implicitly denied.
/// Conditions are not modelled; a statement with a Condition is treated as not matching so that the lab
/// never grants more than AWS would.
/// </summary>
internal sealed class EndpointPolicy
{
    /// <summary>The policy AWS attaches when none is given: full access.</summary>
    public static readonly EndpointPolicy FullAccess = new([new PolicyStatement(true, true, ["*"], null, ["*"], null)]);

    private EndpointPolicy(IReadOnlyList<PolicyStatement> statements) => Statements = statements;

    public IReadOnlyList<PolicyStatement> Statements { get; }

    public PolicyDecision Evaluate(string action, string resource)
    {
        var matching = Statements.Where(s => s.Matches(action, resource)).ToList();
        if (matching.Any(s => !s.IsAllow))
        {
            return PolicyDecision.ExplicitDeny;
        }

        return matching.Count > 0 ? PolicyDecision.Allowed : PolicyDecision.ImplicitDeny;
    }

    /// <summary>Parses policy JSON; null or blank means AWS's default full-access policy.</summary>
    /// <exception cref="PolicyFormatException">The document is not a policy AWS would accept.</exception>
    public static EndpointPolicy Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return FullAccess;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("Statement", out var statement))
            {
                throw new PolicyFormatException("Policy document has no Statement.");
            }

            var items = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
            return new EndpointPolicy(items.Select(PolicyStatementReader.Read).ToList());
        }
        catch (JsonException e)
        {
            throw new PolicyFormatException($"Policy document is not valid JSON: {e.Message}");
        }
    }
}
