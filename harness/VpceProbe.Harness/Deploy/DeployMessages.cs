using System.Globalization;
using VpceProbe.Harness.Ssm;

namespace VpceProbe.Harness.Deploy;

/// <summary>What a failed deployment step means, in the words a network engineer acts on.</summary>
internal static class DeployMessages
{
    public const string S3Unreachable = "the instance cannot reach S3: deploy before removing the NAT route, or create an S3 gateway endpoint on the instance's route table";
    public const string S3Refused = "S3 refused the download: the presigned URL expired, or a bucket or VPC endpoint policy denies s3:GetObject on the staging bucket";
    public const string SsmUnavailable = "SSM cannot run commands on the instance";
    public const string NoCurl = "curl is not installed on the instance";

    /// <summary>curl's exit codes for "no path to the server": resolve, connect, TLS handshake, timeout, empty or broken reply.</summary>
    private static readonly HashSet<int> NoPath = [6, 7, 28, 35, 52, 56];

    public static (DeployFailure Kind, string Message) ForDownload(SsmInvocation i) => i.ResponseCode switch
    {
        { } code when NoPath.Contains(code) => (DeployFailure.S3Unreachable, $"{S3Unreachable} (curl exit {Code(code)}: {Line(i.Stderr)})"),
        22 => (DeployFailure.S3Refused, $"{S3Refused} ({Line(i.Stderr)})"),
        127 => (DeployFailure.StepFailed, NoCurl),
        _ => ForStep(i, "download"),
    };

    public static (DeployFailure Kind, string Message) ForStep(SsmInvocation i, string step) => i.End switch
    {
        InvocationEnd.Failed => (DeployFailure.StepFailed, $"{step} failed (exit {Code(i.ResponseCode)}): {Line(i.Stderr)}"),
        _ => (DeployFailure.SsmUnavailable, $"{SsmUnavailable} ({step}: {InvocationProblems.Describe(i)})"),
    };

    private static string Code(int? code) => code?.ToString(CultureInfo.InvariantCulture) ?? "none";

    private static string Line(string stderr) => stderr.Trim() is { Length: > 0 } text ? text.Split('\n')[^1].Trim() : "no message";
}
