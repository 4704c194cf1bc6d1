using System.Text.Json;
using VpceProbe.Contract.Aws;

namespace VpceProbe.Lab.Policies;

/// <summary>Reads one JSON statement into a <see cref="PolicyStatement"/>, rejecting what IAM rejects.</summary>
internal static class PolicyStatementReader
{
    public static PolicyStatement Read(JsonElement statement)
    {
        if (statement.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyFormatException("Each Statement must be an object.");
        }

        var effect = Text(statement, "Effect") ?? throw new PolicyFormatException("Statement has no Effect.");
        if (effect is not ("Allow" or "Deny"))
        {
            throw new PolicyFormatException($"Effect must be Allow or Deny, not '{effect}'.");
        }

        var actions = List(statement, "Action");
        var notActions = List(statement, "NotAction");
        var resources = List(statement, "Resource");
        var notResources = List(statement, "NotResource");
        if ((actions is null) == (notActions is null))
        {
            throw new PolicyFormatException("Statement needs exactly one of Action and NotAction.");
        }

        // Endpoint policies may omit Resource; AWS then applies the statement to every resource.
        if (resources is null && notResources is null)
        {
            resources = ["*"];
        }

        var everyone = IsEveryPrincipal(statement) && !statement.TryGetProperty("Condition", out _);
        return new PolicyStatement(effect == "Allow", everyone, actions, notActions, resources, notResources);
    }

    // The lab has one caller identity, so only statements for every principal ("*" or {"AWS":"*"}) can match it;
    // a policy naming particular principals grants the lab nothing, which errs on the side of AWS's default deny.
    private static bool IsEveryPrincipal(JsonElement statement)
    {
        if (!statement.TryGetProperty("Principal", out var principal))
        {
            return true;
        }

        return principal.ValueKind switch
        {
            JsonValueKind.String => principal.GetString() == "*",
            JsonValueKind.Object => principal.TryGetProperty("AWS", out var aws) && Strings(aws).Contains("*"),
            _ => false,
        };
    }

    private static string? Text(JsonElement statement, string name) =>
        statement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string>? List(JsonElement statement, string name) =>
        statement.TryGetProperty(name, out var value) ? Strings(value) : null;

    private static List<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new PolicyFormatException("Action and Resource entries must be strings.")).ToList(),
        _ => throw new PolicyFormatException("Action and Resource must be a string or a list of strings."),
    };
}
