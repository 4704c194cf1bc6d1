namespace VpceProbe.Harness.Ssm;

/// <summary>
/// Reads the Output of ListCommandInvocations' CommandPlugins (Details=true): stdout, then stderr under the SSM
/// agent's "----------ERROR-------" header, together cut at 2,500 characters (CommandPlugin.Output, "Maximum length
/// of 2500": https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_CommandPlugin.html). Enough for a
/// deploy step's sha256sum or an error line; an agent report is longer, and an Output near the limit is read again
/// with GetCommandInvocation (24,000 characters of stdout, 8,000 of stderr).
/// </summary>
internal static class PluginOutput
{
    public const int Limit = 2_500;

    private const string ErrorHeader = "----------ERROR-------";

    /// <summary>Near the limit or marked as cut: the listing does not hold all of it.</summary>
    public static bool MayBeCut(string output) =>
        output.Length >= Limit - 100 || output.Contains("---Output truncated---", StringComparison.Ordinal) || output.Contains("---Error truncated---", StringComparison.Ordinal);

    /// <summary>The listing's layout, for output read another way.</summary>
    public static string Join(string stdout, string stderr) => stderr.Length == 0 ? stdout : $"{stdout}\n{ErrorHeader}\n{stderr}";

    public static (string Stdout, string Stderr) Split(string output)
    {
        var at = output.IndexOf(ErrorHeader, StringComparison.Ordinal);
        if (at < 0)
        {
            return (output, "");
        }

        var stdout = output[..at].TrimEnd('\n');
        var stderr = output[(at + ErrorHeader.Length)..].TrimStart('\n');
        return (stdout, stderr);
    }
}
