using System.Text.Json;
using System.Text.RegularExpressions;

namespace VpceProbe.Harness.Audit;

internal enum ConditionKind
{
    Holds,
    Fails,

    /// <summary>A key the request's known context does not carry, or an operator not judged here.</summary>
    Unknown,
}

/// <param name="Unknown">For <see cref="ConditionKind.Unknown"/>: the operator and key that could not be judged.</param>
internal sealed record ConditionResult(ConditionKind Kind, string? Unknown = null)
{
    public static ConditionResult Holds { get; } = new(ConditionKind.Holds);
}

/// <summary>
/// A statement's Condition block against the keys a request is known to carry. All operators of a block and all keys
/// of an operator must hold; one of an operator's values is enough (IAM's condition logic,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html).
/// The string operators are judged (StringEquals, StringNotEquals, StringLike, StringNotLike, their IgnoreCase forms
/// and IfExists); ...IfExists on a key the request does not carry holds. Anything else is Unknown, never a guess.
/// </summary>
internal static class PolicyConditions
{
    public static ConditionResult Judge(JsonElement statement, IReadOnlyDictionary<string, string> context)
    {
        if (!statement.TryGetProperty("Condition", out var block) || block.ValueKind != JsonValueKind.Object)
        {
            return ConditionResult.Holds;
        }

        ConditionResult? unknown = null;
        foreach (var op in block.EnumerateObject())
        {
            foreach (var key in op.Value.ValueKind == JsonValueKind.Object ? op.Value.EnumerateObject() : Enumerable.Empty<JsonProperty>())
            {
                var result = One(op.Name, key.Name, Values(key.Value), context);
                if (result.Kind == ConditionKind.Fails)
                {
                    return result;
                }

                unknown ??= result.Kind == ConditionKind.Unknown ? result : null;
            }
        }

        return unknown ?? ConditionResult.Holds;
    }

    private static ConditionResult One(string op, string key, IReadOnlyList<string> values, IReadOnlyDictionary<string, string> context)
    {
        var ifExists = op.EndsWith("IfExists", StringComparison.Ordinal);
        var name = ifExists ? op[..^"IfExists".Length] : op;
        var unknown = new ConditionResult(ConditionKind.Unknown, $"{op} {key}");
        if (name is not ("StringEquals" or "StringNotEquals" or "StringLike" or "StringNotLike" or "StringEqualsIgnoreCase" or "StringNotEqualsIgnoreCase"))
        {
            return unknown;
        }

        var actual = context.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
        if (actual is null)
        {
            return ifExists ? ConditionResult.Holds : unknown;
        }

        var negated = name.Contains("Not", StringComparison.Ordinal);
        var like = name.Contains("Like", StringComparison.Ordinal);
        var comparison = name.EndsWith("IgnoreCase", StringComparison.Ordinal) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var any = values.Any(v => like ? Like(v, actual) : string.Equals(v, actual, comparison));
        return any != negated ? ConditionResult.Holds : new(ConditionKind.Fails);
    }

    private static List<string> Values(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
        : value.ValueKind == JsonValueKind.String ? [value.GetString()!] : [];

    private static bool Like(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
