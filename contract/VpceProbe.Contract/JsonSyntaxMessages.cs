using System.Text.Json;

namespace VpceProbe.Contract;

/// <summary>
/// Words for System.Text.Json's syntax errors. The NativeAOT agent is built with UseSystemResourceKeys (the
/// resource strings would cost a megabyte), so its exceptions carry keys such as "EndOfStringNotFound"
/// instead of text. Known keys get words here; the JIT harness's English text, or an unknown key, is shown as it is.
/// </summary>
internal static class JsonSyntaxMessages
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["EndOfStringNotFound"] = "a string is not closed: add the closing \"",
        ["EndOfCommentNotFound"] = "a /* comment is not closed: add */",
        ["ExpectedEndAfterSingleJson"] = "text after the end of the plan: a plan is one JSON object",
        ["ExpectedStartOfPropertyNotFound"] = "expected a property name in double quotes",
        ["ExpectedStartOfPropertyOrValueNotFound"] = "expected a property name or a value",
        ["ExpectedStartOfValueNotFound"] = "expected a value (a string, number, true, false, null, object or array)",
        ["ExpectedValueAfterPropertyNameNotFound"] = "expected a value after the property name",
        ["ExpectedSeparatorAfterPropertyNameNotFound"] = "expected ':' after the property name",
        ["ExpectedEndOfDigitNotFound"] = "a number is malformed",
        ["ExpectedNextDigitEValueNotFound"] = "a number's exponent is malformed",
        ["RequiredDigitNotFoundAfterDecimal"] = "a number needs digits after the decimal point",
        ["RequiredDigitNotFoundAfterSign"] = "a number needs digits after the sign",
        ["RequiredDigitNotFoundEndOfData"] = "the text ends in the middle of a number",
        ["InvalidLeadingZeroInNumber"] = "a number may not start with 0 (write 7, not 07)",
        ["ExpectedFalse"] = "expected false",
        ["ExpectedTrue"] = "expected true",
        ["ExpectedNull"] = "expected null",
        ["ExpectedJsonTokens"] = "the plan is empty: write a JSON object {\"schemaVersion\": 1, \"probes\": [...]}",
        ["FoundInvalidCharacter"] = "unexpected character: a comma, or a closing } or ], may be missing before it",
        ["InvalidCharacterWithinString"] = "a string contains a control character: escape it (\\n, \\t, \\u0000)",
        ["InvalidCharacterAfterEscapeWithinString"] = "a string has an unknown escape after \\ (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
        ["InvalidHexCharacterWithinString"] = "a \\u escape needs four hex digits",
        ["MismatchedObjectArray"] = "a closing bracket does not match the opening one ({ } and [ ])",
        ["ObjectDepthTooLarge"] = $"nested deeper than {InputLimits.MaxDepth} levels",
        ["ArrayDepthTooLarge"] = $"nested deeper than {InputLimits.MaxDepth} levels",
        ["DepthTooLarge"] = $"nested deeper than {InputLimits.MaxDepth} levels",
        ["ZeroDepthAtEnd"] = "the text ends before every { or [ is closed",
        ["UnexpectedEndOfDataWhileReadingComment"] = "the text ends inside a comment",
        ["TrailingCommaNotAllowedBeforeArrayEnd"] = "a comma before ]",
        ["TrailingCommaNotAllowedBeforeObjectEnd"] = "a comma before }",
        ["InvalidEndOfJsonNonPrimitive"] = "the text ends before every { or [ is closed",
        ["CannotReadInvalidUTF8"] = "the text is not UTF-8",
        ["CannotReadIncompleteUTF16"] = "the text is not UTF-8",
    };

    public static PlanError Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        // A resource key comes with its arguments: "FoundInvalidCharacter, \"" (the character found first).
        var parts = message.Split(',', 2);
        var found = parts.Length > 1 ? parts[1].Trim() : "";
        var text = Words.TryGetValue(parts[0].Trim(), out var words)
            ? found.Length is > 0 and <= 4 && !parts[0].Contains("Depth", StringComparison.Ordinal) ? $"{words} (found {Printable.Quote(found)})" : words
            : $"not valid JSON: {message.TrimEnd('.')}";
        var line = (int)(e.LineNumber ?? 0) + 1;
        var column = (int)(e.BytePositionInLine ?? 0) + 1;
        return new PlanError("$", text, line, column);
    }
}
