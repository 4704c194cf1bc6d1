using System.Text.Json;

namespace VpceProbe.Contract.Aws;

/// <summary>
/// Identity policies as IAM evaluates them for one request, as far as the lab can know the request: an explicit
/// Deny wins; otherwise every resource the request names must be allowed by some Allow statement whose Action,
/// Resource and Condition all match. Where the lab does not know a request's resources
/// (<see cref="AuthorizationRequest.Resources"/> null), only the action is checked. Conditions are evaluated for the
/// keys the request context knows (<see cref="PolicyCondition"/>); a condition on a key the lab cannot know
/// (ec2:Vpc, aws:ResourceTag/…, ssm:resourceTag/…) is taken as met, so those scopes are not proven here.
/// </summary>
public sealed class IdentityPolicy
{
    private readonly IReadOnlyList<IdentityStatement> _statements;

    private IdentityPolicy(IReadOnlyList<IdentityStatement> statements) => _statements = statements;

    public static IdentityPolicy Read(IEnumerable<JsonElement> policies)
    {
        var statements = new List<IdentityStatement>();
        foreach (var policy in policies)
        {
            if (!policy.TryGetProperty("Statement", out var statement))
            {
                throw new PolicyFormatException("Policy document has no Statement.");
            }

            foreach (var item in statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement])
            {
                statements.Add(IdentityStatement.Read(item));
            }
        }

        return new IdentityPolicy(statements);
    }

    /// <summary>Null when allowed; otherwise the resource that is not ("*" when the action is not allowed at all).</summary>
    public string? Refused(AuthorizationRequest request)
    {
        IReadOnlyList<string?> resources = request.Resources is { } known ? [.. known] : [(string?)null];
        foreach (var resource in resources)
        {
            var matching = _statements.Where(s => s.Matches(request, resource)).ToList();
            if (matching.Any(s => !s.Allow) || !matching.Any(s => s.Allow))
            {
                return resource ?? "*";
            }
        }

        return null;
    }
}

/// <param name="Action">The IAM action ("ec2:CreateVpcEndpoint").</param>
/// <param name="Resources">Every ARN the action is authorized on, as far as the lab knows them; null: not known, action-level only.</param>
/// <param name="Context">Condition keys the lab knows for this request, with their values; a key known to be absent is not in it but in <paramref name="Known"/>.</param>
/// <param name="Known">Keys (or key prefixes ending in "/") whose presence or absence the lab knows.</param>
public sealed record AuthorizationRequest(
    string Action, IReadOnlyList<string>? Resources, IReadOnlyDictionary<string, IReadOnlyList<string>> Context, IReadOnlyList<string> Known)
{
    public bool Knows(string key) =>
        Known.Any(k => k.EndsWith('/') ? key.StartsWith(k, StringComparison.OrdinalIgnoreCase) : string.Equals(k, key, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<string>? Values(string key) =>
        Context.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}
