namespace VpceProbe.Lab.Ssm;

/// <summary>
/// How SSM cuts command output, as the SSM agent does (iohandler.TruncateOutput): the text plus its marker
/// never exceeds the limit. GetCommandInvocation shows the first 24,000 characters of stdout and 8,000 of stderr
/// (StandardOutputContent, StandardErrorContent); ListCommandInvocations with Details shows stdout and stderr
/// together within 2,500 (CommandPlugin.Output, "Maximum length of 2500":
/// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_CommandPlugin.html). The full output is
/// only in S3 (OutputS3BucketName).
/// </summary>
internal static class OutputTruncation
{
    public const int InvocationLimit = 24_000;
    public const int ErrorLimit = 8_000;
    public const int PluginOutputLimit = 2_500;
    public const string OutputMarker = "\n---Output truncated---";
    public const string ErrorMarker = "\n---Error truncated----";
    public const string ErrorHeader = "\n----------ERROR-------\n";

    public static string Truncate(string text, int limit, string marker) =>
        text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit - marker.Length), marker);

    /// <summary>stdout, then stderr under the agent's error header, together within <paramref name="limit"/>.</summary>
    public static string Combined(string stdout, string stderr, int limit)
    {
        var error = stderr.Length == 0 ? string.Empty : ErrorHeader + stderr;
        if (stdout.Length + error.Length <= limit)
        {
            return stdout + error;
        }

        // Share the room: each side keeps what it needs, up to half, and the other side gets the rest.
        var half = limit / 2;
        var outRoom = error.Length == 0 ? limit : Math.Max(Math.Min(stdout.Length, half), limit - error.Length);
        var errRoom = limit - Math.Min(stdout.Length, outRoom);
        var outPart = Truncate(stdout, outRoom, OutputMarker);
        var errPart = error.Length == 0 ? string.Empty : ErrorHeader + Truncate(stderr, errRoom - ErrorHeader.Length, ErrorMarker);
        return outPart + errPart;
    }
}
