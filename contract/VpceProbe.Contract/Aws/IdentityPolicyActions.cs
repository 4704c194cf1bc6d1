using System.Text.Json;

namespace VpceProbe.Contract.Aws;

/// <summary>
/// The actions an identity policy allows and denies, read from its statements' Action lists (a string or a list;
/// wildcards as IAM writes them, "ec2:Describe*"). Resources and conditions are not read: what this answers is
/// "may this principal call this action at all", which is what the lab enforces and the policy tests prove.
/// </summary>
public sealed record IdentityPolicyActions(IReadOnlyList<string> Allowed, IReadOnlyList<string> Denied)
{
    public static readonly IdentityPolicyActions None = new([], []);

    /// <summary>Every action pattern the policy documents allow and deny, together.</summary>
    public static IdentityPolicyActions Read(IEnumerable<JsonElement> policies)
    {
        var allowed = new List<string>();
        var denied = new List<string>();
        foreach (var policy in policies)
        {
            if (!policy.TryGetProperty("Statement", out var statement))
            {
                throw new PolicyFormatException("Policy document has no Statement.");
            }

            foreach (var item in statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement])
            {
                var actions = item.TryGetProperty("Action", out var a) ? Strings(a) : [];
                (item.GetProperty("Effect").GetString() == "Deny" ? denied : allowed).AddRange(actions);
            }
        }

        return new(allowed.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), denied.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>An explicit deny wins; otherwise some Allow must name the action (IAM: action names ignore case).</summary>
    public bool Allows(string action) =>
        !Denied.Any(p => Wildcard.IsMatch(p, action, ignoreCase: true)) && Allowed.Any(p => Wildcard.IsMatch(p, action, ignoreCase: true));

    private static IReadOnlyList<string> Strings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)] : [value.GetString()!];
}
