using System.Text.Json;

namespace VpceProbe.Harness.Audit;

/// <summary>What an endpoint policy allows, as far as the policy rules care.</summary>
/// <remarks>Public only because a public xunit theory takes it as a parameter.</remarks>
public enum PolicyBreadth
{
    /// <summary>Not JSON, or no Statement: AWS would have refused it, so the text came from somewhere unexpected.</summary>
    Unparseable,

    /// <summary>Allow * to * on * with no condition and no Deny: the default policy AWS attaches when none is given.</summary>
    FullAccess,

    /// <summary>Some Allow statement names principal * with no Condition (any account's credentials may use the endpoint).</summary>
    OpenPrincipal,

    /// <summary>Every Allow statement is scoped by its principal or a condition.</summary>
    Restricted,
}

/// <summary>Reads endpoint policy documents (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).</summary>
internal static class EndpointPolicy
{
    public static PolicyBreadth Classify(string? document)
    {
        // No document at all means AWS's default, which is full access.
        if (string.IsNullOrWhiteSpace(document))
        {
            return PolicyBreadth.FullAccess;
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(document);
        }
        catch (JsonException)
        {
            return PolicyBreadth.Unparseable;
        }

        using (parsed)
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object || !parsed.RootElement.TryGetProperty("Statement", out var statement))
            {
                return PolicyBreadth.Unparseable;
            }

            var statements = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
            if (statements.Count == 0 || statements.Any(s => s.ValueKind != JsonValueKind.Object))
            {
                return PolicyBreadth.Unparseable;
            }

            var open = statements.Where(s => Is(s, "Effect", "Allow") && AnyPrincipal(s) && !s.TryGetProperty("Condition", out _)).ToList();
            var hasDeny = statements.Any(s => Is(s, "Effect", "Deny"));
            if (!hasDeny && open.Any(s => IsStar(s, "Action") && IsStar(s, "Resource")))
            {
                return PolicyBreadth.FullAccess;
            }

            return open.Count > 0 ? PolicyBreadth.OpenPrincipal : PolicyBreadth.Restricted;
        }
    }

    // Principal "*", {"AWS": "*"} and {"AWS": ["*"]} all mean anyone; an endpoint policy without Principal also applies to anyone.
    private static bool AnyPrincipal(JsonElement statement) =>
        !statement.TryGetProperty("Principal", out var principal)
        || (principal.ValueKind == JsonValueKind.String && principal.GetString() == "*")
        || (principal.ValueKind == JsonValueKind.Object && principal.TryGetProperty("AWS", out var aws) && ContainsStar(aws));

    private static bool Is(JsonElement statement, string name, string value) =>
        statement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == value;

    private static bool IsStar(JsonElement statement, string name) =>
        statement.TryGetProperty(name, out var v) && ContainsStar(v);

    private static bool ContainsStar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() == "*",
        JsonValueKind.Array => value.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() == "*"),
        _ => false,
    };
}
