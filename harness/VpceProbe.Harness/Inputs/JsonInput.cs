using System.Text.Json;
using System.Text.RegularExpressions;

namespace VpceProbe.Harness.Inputs;

/// <summary>
/// The harness's JSON input files other than plans (a price file, a saved matrix): their errors as
/// FILE:LINE:COLUMN: FIELD: what is wrong, as the plan reader gives them, instead of System.Text.Json's text with
/// zero-based "LineNumber: 0 | BytePositionInLine: 0" and .NET type names (System.Decimal, VpceProbe.Harness.Cost.PriceBook).
/// </summary>
internal static partial class JsonInput
{
    /// <summary>What the readers of these files refuse rather than guess: unknown fields, a key twice, null where a value is required.</summary>
    public static JsonSerializerOptions Strict(JsonSerializerOptions options) => new(options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        MaxDepth = VpceProbe.Contract.InputLimits.MaxDepth,
    };

    /// <summary>The syntax alone, first: a document that is not JSON gets its syntax error, not the first unknown field before it.</summary>
    public static void CheckSyntax(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = VpceProbe.Contract.InputLimits.MaxDepth });
    }

    public static string Describe(string path, JsonException e)
    {
        var message = e.Message;
        foreach (var cut in (string[])[" Path:", " LineNumber:"])
        {
            var at = message.IndexOf(cut, StringComparison.Ordinal);
            message = at > 0 ? message[..at] : message;
        }

        var place = e.LineNumber is { } line
            ? $"{path}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}"
            : path;
        var field = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? $" {p[2..]}:" : "";
        return $"{place}:{field} {Words(message.Trim())}";
    }

    private static string Words(string message) => message switch
    {
        _ when message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) => "is not a field here; remove it",
        _ when message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => "a key appears twice in the same object; give each key once",
        _ when message.Contains("missing required properties", StringComparison.Ordinal) =>
            $"a required field is missing: {Quoted().Matches(message).LastOrDefault()?.Value.Trim('\'')}",
        _ when message.Contains("doesn't allow null values", StringComparison.Ordinal) || message.Contains("non-nullable", StringComparison.Ordinal) =>
            "is null; give it a value",
        _ when message.Contains("could not be converted to System.Decimal", StringComparison.Ordinal)
            || message.Contains("could not be converted to System.Nullable`1[System.Decimal]", StringComparison.Ordinal) => "must be a number",
        _ when message.Contains("could not be converted to System.String", StringComparison.Ordinal) => "must be a string in double quotes",
        _ when message.Contains("could not be converted to System.Int", StringComparison.Ordinal) => "must be a whole number",
        _ when message.Contains("could not be converted", StringComparison.Ordinal) => "has the wrong type (an object, array, string or number where another goes)",
        _ when message.StartsWith("Expected depth to be zero", StringComparison.Ordinal) => "the text ends before every { or [ is closed",
        _ when message.Contains("is an invalid start of a value", StringComparison.Ordinal) => $"expected a value (a string, number, true, false, null, object or array): {message}",
        _ when message.Contains("does not contain any JSON tokens", StringComparison.Ordinal) => "the file is empty; write a JSON object",
        _ => $"not valid JSON: {TypeName().Replace(message, "").TrimEnd('.')}",
    };

    [GeneratedRegex("'[^']+'")]
    private static partial Regex Quoted();

    /// <summary>" on type 'VpceProbe.Harness.Cost.PriceBook'" and the like: names of this program's types, not the user's file.</summary>
    [GeneratedRegex(@"\s*(?:on|of|for) type '[^']+'")]
    private static partial Regex TypeName();
}
