using Amazon.Runtime;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Run;

/// <summary>Turns what stopped a run into the <see cref="RunError"/> its reports show. Every exception has a kind: none is swallowed as "failed".</summary>
internal static class RunErrors
{
    public static RunError From(Exception e, bool cancelled) => e switch
    {
        OperationCanceledException when cancelled => new(RunErrorKind.Interrupted, "interrupted (Ctrl-C or SIGTERM); the run rolled back"),
        AmazonServiceException a when TransientErrors.IsThrottling(a) =>
            new(RunErrorKind.AwsError, $"AWS kept throttling ({a.ErrorCode}) beyond the SDK's retries (AWS_MAX_ATTEMPTS to allow more): {a.Message}"),
        AmazonServiceException a when AccessDenial.From(a) is { } denial => new(RunErrorKind.AccessDenied, denial.Explain()),
        AmazonServiceException a => new(RunErrorKind.AwsError, $"AWS error {a.ErrorCode ?? ((int)a.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {a.Message}"),
        _ when TransientErrors.IsConnection(e) => new(RunErrorKind.Connection, $"could not reach AWS: {e.Message}"),
        OperationCanceledException => new(RunErrorKind.Connection, $"a call to AWS timed out: {e.Message}"),
        WaitTimedOutException => new(RunErrorKind.AwsError, e.Message),
        IOException => new(RunErrorKind.Internal, $"could not write the journal: {e.Message}"),
        _ => new(RunErrorKind.Internal, $"internal error ({e.GetType().Name}): {e.Message}"),
    };
}
