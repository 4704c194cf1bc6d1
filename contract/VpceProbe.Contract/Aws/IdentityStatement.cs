using System.Text.Json;

namespace VpceProbe.Contract.Aws;

/// <summary>One statement of an identity policy: effect, actions, resources and conditions (Principal has no place here).</summary>
internal sealed record IdentityStatement(
    bool Allow, IReadOnlyList<string>? Actions, IReadOnlyList<string>? NotActions, IReadOnlyList<string>? Resources,
    IReadOnlyList<string>? NotResources, IReadOnlyList<PolicyCondition> Conditions)
{
    public static IdentityStatement Read(JsonElement item)
    {
        var effect = item.TryGetProperty("Effect", out var e) ? e.GetString() : null;
        if (effect is not ("Allow" or "Deny"))
        {
            throw new PolicyFormatException("Effect must be Allow or Deny.");
        }

        var conditions = item.TryGetProperty("Condition", out var c) ? PolicyCondition.Read(c) : [];
        var resources = List(item, "Resource");
        var notResources = List(item, "NotResource");
        if (resources is null && notResources is null)
        {
            throw new PolicyFormatException("An identity policy statement needs Resource or NotResource.");
        }

        return new(effect == "Allow", List(item, "Action"), List(item, "NotAction"), resources, notResources, conditions);
    }

    /// <summary>Whether the statement applies to the request's action on <paramref name="resource"/> (null: resource not known).</summary>
    public bool Matches(AuthorizationRequest request, string? resource) =>
        Covers(Actions, NotActions, request.Action, ignoreCase: true)
        && (resource is null || Covers(Resources, NotResources, resource, ignoreCase: false))
        && (request.Resources is null || Conditions.All(condition => condition.IsMet(request)));

    private static bool Covers(IReadOnlyList<string>? listed, IReadOnlyList<string>? excluded, string value, bool ignoreCase) =>
        listed is not null
            ? listed.Any(p => Wildcard.IsMatch(p, value, ignoreCase))
            : excluded is not null && !excluded.Any(p => Wildcard.IsMatch(p, value, ignoreCase));

    private static List<string>? List(JsonElement item, string name) =>
        !item.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
        : [value.GetString()!];
}
