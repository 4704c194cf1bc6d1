using System.Text.Json;

namespace VpceProbe.Contract.Aws;

/// <summary>
/// One condition of a statement ("ArnEquals": {"ec2:Vpc": "arn:…"}). Evaluated as IAM does for the operators the
/// iam/ files use (String/Arn Equals and Like, Null, ForAllValues:/ForAnyValue: String Equals and Like) when the
/// request context knows the key; a positive operator on a known-absent key fails, Null tests presence, ForAllValues
/// on an absent key holds. An operator or key the lab does not know is taken as met (see <see cref="IdentityPolicy"/>).
/// </summary>
internal sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    public static IReadOnlyList<PolicyCondition> Read(JsonElement condition) =>
        [.. condition.EnumerateObject().SelectMany(op => op.Value.EnumerateObject().Select(key => new PolicyCondition(op.Name, key.Name,
            key.Value.ValueKind == JsonValueKind.Array ? [.. key.Value.EnumerateArray().Select(v => v.ToString())] : [key.Value.ToString()])))];

    public bool IsMet(AuthorizationRequest request)
    {
        if (!request.Knows(Key))
        {
            return true;
        }

        var present = request.Values(Key);
        var (set, name) = Operator.Split(':') is [var qualifier, var rest] ? (qualifier, rest) : (null, Operator);
        if (name == "Null")
        {
            return Values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase)) == (present is null);
        }

        Func<string, string, bool>? match = name switch
        {
            "StringEquals" or "ArnEquals" => (pattern, value) => string.Equals(pattern, value, StringComparison.Ordinal),
            "StringLike" or "ArnLike" => (pattern, value) => Wildcard.IsMatch(pattern, value, ignoreCase: false),
            _ => null,
        };
        if (match is null)
        {
            return true;
        }

        return set switch
        {
            "ForAllValues" => present is null || present.All(v => Values.Any(p => match(p, v))),
            _ => present is not null && present.Any(v => Values.Any(p => match(p, v))),
        };
    }
}
