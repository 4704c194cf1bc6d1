using Amazon.Runtime;

namespace VpceProbe.Harness.Preflight;

/// <summary>What one harmless SSM or S3 call answered, read as a proof of one IAM action.</summary>
internal enum ProbeAnswer
{
    /// <summary>AWS authorized the call and then failed or finished it harmlessly: the action is allowed.</summary>
    Proven,

    /// <summary>AWS refused the action: the run would fail there.</summary>
    Refused,

    /// <summary>The answer says nothing either way (an emulator that skips the validation, an unrelated error).</summary>
    Unknown,
}

/// <param name="Action">The IAM action the call proves ("ssm:SendCommand").</param>
/// <param name="Resource">The ARN it is proven on, as a refusal names it.</param>
/// <param name="File">The iam/ file that grants it for this resource (the catalog knows actions, not resources).</param>
/// <param name="Why">Which step of the run needs it.</param>
/// <param name="Call">The harmless call; it classifies its own answer (each call's proof differs: see its comment).</param>
/// <param name="ProvenBy">Error codes AWS gives only once it has authorized the call (InvocationDoesNotExist, InvalidParameters).</param>
internal sealed record ServicePermissionProbe(
    string Action, string Resource, string File, string Why, Func<CancellationToken, Task<(ProbeAnswer Answer, string Detail)>> Call, params string[] ProvenBy);

/// <summary>Turns an AWS error into a <see cref="ProbeAnswer"/> for the codes a probe expects.</summary>
internal static class ProbeAnswers
{
    public static (ProbeAnswer, string) Of(AmazonServiceException e, params string[] provenBy) =>
        provenBy.Contains(e.ErrorCode, StringComparer.Ordinal) ? (ProbeAnswer.Proven, e.ErrorCode!)
        : Aws.AccessDenial.From(e) is not null || e.StatusCode == System.Net.HttpStatusCode.Forbidden ? (ProbeAnswer.Refused, $"{e.ErrorCode ?? "403"}: {e.Message}")
        : (ProbeAnswer.Unknown, $"{e.ErrorCode ?? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.Message}");
}
