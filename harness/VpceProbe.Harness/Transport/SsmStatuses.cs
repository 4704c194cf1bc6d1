using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace VpceProbe.Harness.Transport;

/// <summary>
/// Reads GetCommandInvocation's Status and StatusDetails. StatusDetails is looked at first because it is the
/// finer one: Undeliverable and Terminated come as Status Failed, DeliveryTimedOut and ExecutionTimedOut as
/// Status TimedOut. Cancelling counts as an end: the invocation is being cancelled by someone and will not report.
/// </summary>
internal static class SsmStatuses
{
    public static bool IsEnd(GetCommandInvocationResponse r) => End(r) is not null;

    /// <summary>The end, or null for Pending, InProgress and Delayed (and a status this code does not know yet).</summary>
    public static InvocationEnd? End(GetCommandInvocationResponse r) => (r.StatusDetails ?? "").Replace(" ", "", StringComparison.Ordinal) switch
    {
        "Undeliverable" => InvocationEnd.Undeliverable,
        "Terminated" => InvocationEnd.Terminated,
        "DeliveryTimedOut" => InvocationEnd.DeliveryTimedOut,
        "ExecutionTimedOut" => InvocationEnd.ExecutionTimedOut,
        _ when r.Status == CommandInvocationStatus.Success => InvocationEnd.Success,
        _ when r.Status == CommandInvocationStatus.Failed => InvocationEnd.Failed,
        _ when r.Status == CommandInvocationStatus.TimedOut => InvocationEnd.TimedOut,
        _ when r.Status == CommandInvocationStatus.Cancelled || r.Status == CommandInvocationStatus.Cancelling => InvocationEnd.Cancelled,
        _ => null,
    };

    /// <summary>"Failed/Undeliverable", "InProgress": what SSM last said, for messages.</summary>
    public static string Describe(GetCommandInvocationResponse r) =>
        string.IsNullOrEmpty(r.StatusDetails) || r.StatusDetails == r.Status?.Value ? $"{r.Status}" : $"{r.Status}/{r.StatusDetails}";
}
