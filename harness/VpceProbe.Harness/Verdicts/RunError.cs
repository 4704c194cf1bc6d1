namespace VpceProbe.Harness.Verdicts;

/// <summary>Why a run did not end with a verdict on every check: said at the top of every report, so no report looks green by mistake.</summary>
/// <param name="Message">One line for a person: what happened and, where there is one, what to do.</param>
internal sealed record RunError(RunErrorKind Kind, string Message);

internal enum RunErrorKind
{
    /// <summary>Ctrl-C or SIGTERM; the run rolled back.</summary>
    Interrupted,

    /// <summary>AWS refused a call (after the SDK's retries); the run rolled back.</summary>
    AwsError,

    /// <summary>AWS refused a call for lack of permission (the message names the action and the iam/ file); the run rolled back.</summary>
    AccessDenied,

    /// <summary>AWS could not be reached (after the SDK's retries); the run rolled back.</summary>
    Connection,

    /// <summary>The baseline phase did not meet its expectations or brought back no report; nothing was changed.</summary>
    BaselineFailed,

    /// <summary>Rollback could not undo everything: what is left is in LeftBehind.</summary>
    RollbackIncomplete,

    /// <summary>A bug or an unexpected state in the harness; the run rolled back.</summary>
    Internal,
}
