namespace VpceProbe.Harness.Ssm;

/// <summary>
/// How one SSM command invocation ended, keeping apart what AWS keeps apart in Status and StatusDetails
/// (https://docs.aws.amazon.com/systems-manager/latest/userguide/monitor-commands.html) and what went wrong on
/// the harness's side. Pending, InProgress and Delayed are not ends: the poller waits through them.
/// </summary>
internal enum InvocationEnd
{
    /// <summary>Status Success: the command exited 0.</summary>
    Success,

    /// <summary>Status Failed: the command ran and exited non-zero (the agent exits 1 when an expectation fails).</summary>
    Failed,

    /// <summary>StatusDetails Undeliverable (Status Failed, ResponseCode -1): the instance is not connected to SSM.</summary>
    Undeliverable,

    /// <summary>StatusDetails Terminated: SSM cancelled it because the command hit MaxErrors.</summary>
    Terminated,

    /// <summary>StatusDetails DeliveryTimedOut (Status TimedOut): never delivered within TimeoutSeconds.</summary>
    DeliveryTimedOut,

    /// <summary>StatusDetails ExecutionTimedOut (Status TimedOut): it ran past executionTimeout and was stopped.</summary>
    ExecutionTimedOut,

    /// <summary>Status TimedOut with no detail saying which timeout.</summary>
    TimedOut,

    /// <summary>Status Cancelled or Cancelling: someone cancelled the command in SSM.</summary>
    Cancelled,

    /// <summary>SendCommand refused the target (InvalidInstanceId: not managed by SSM, not running, wrong platform).</summary>
    Rejected,

    /// <summary>An SSM API call failed (access denied, throttled past the SDK's retries, a bad request).</summary>
    ApiError,

    /// <summary>GetCommandInvocation kept answering InvocationDoesNotExist past the grace period.</summary>
    NotFound,

    /// <summary>Our own bounded wait ran out while SSM still said Pending, InProgress or Delayed.</summary>
    WaitExpired,

    /// <summary>The caller (Ctrl-C, SIGTERM) cancelled the wait; the command was asked to cancel too.</summary>
    CallerCancelled,
}

/// <summary>
/// The end of one invocation with what it printed. <see cref="LastStatus"/> is SSM's last "Status/StatusDetails",
/// for messages; <see cref="ResponseCode"/> is null when the command never ran (SSM's -1).
/// </summary>
internal sealed record SsmInvocation(
    string InstanceId, string? CommandId, InvocationEnd End, int? ResponseCode, string Stdout, string Stderr, string? LastStatus, string? Message = null);
