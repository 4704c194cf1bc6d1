namespace VpceProbe.Harness.Ssm;

/// <summary>
/// SendCommand's Targets by one tag (Key "tag:NAME", Values [VALUE]) with SSM's rate controls. For fleets past a
/// few hundred instances: SSM resolves the tag and fans out itself, so one SendCommand and one paginated
/// ListCommandInvocations per poll cover the whole fleet. MaxConcurrency and MaxErrors are SSM's strings
/// ("50", "10%"): https://docs.aws.amazon.com/systems-manager/latest/userguide/send-commands-multiple.html.
/// MaxErrors defaults to 100% because the agent exits 1 when an expectation fails, which SSM counts as an error.
/// </summary>
internal sealed record TagTarget(string Key, string Value, string MaxConcurrency = "50", string MaxErrors = "100%")
{
    /// <summary>Reads "KEY=VALUE"; null when it is not that shape.</summary>
    public static TagTarget? Parse(string text, string maxConcurrency, string maxErrors)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == text.Length - 1 || !RateControl(maxConcurrency) || !RateControl(maxErrors))
        {
            return null;
        }

        return new TagTarget(text[..eq], text[(eq + 1)..], maxConcurrency, maxErrors);
    }

    /// <summary>SSM's pattern for both: a whole number or a percentage (^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$).</summary>
    public static bool RateControl(string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, "^([1-9][0-9]*|0|[1-9][0-9]%|[0-9]%|100%)$");
}
