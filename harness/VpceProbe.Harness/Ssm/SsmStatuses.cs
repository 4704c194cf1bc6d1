using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace VpceProbe.Harness.Ssm;

/// <summary>
/// Reads GetCommandInvocation's (and ListCommandInvocations') Status and StatusDetails. StatusDetails is looked at first because it is the
/// finer one: Undeliverable and Terminated come as Status Failed, DeliveryTimedOut and ExecutionTimedOut as
/// Status TimedOut. Cancelling counts as an end: the invocation is being cancelled by someone and will not report.
/// </summary>
internal static class SsmStatuses
{
    /// <summary>The end, or null for Pending, InProgress and Delayed (and a status this code does not know yet).</summary>
    public static InvocationEnd? End(GetCommandInvocationResponse r) => End(r.Status, r.StatusDetails);

    /// <summary>The same for one invocation as ListCommandInvocations lists it.</summary>
    public static InvocationEnd? End(CommandInvocation i) => End(i.Status, i.StatusDetails);

    public static string Describe(GetCommandInvocationResponse r) => Describe(r.Status, r.StatusDetails);

    public static string Describe(CommandInvocation i) => Describe(i.Status, i.StatusDetails);

    private static InvocationEnd? End(CommandInvocationStatus? status, string? details) => (details ?? "").Replace(" ", "", StringComparison.Ordinal) switch
    {
        "Undeliverable" => InvocationEnd.Undeliverable,
        "Terminated" => InvocationEnd.Terminated,
        "DeliveryTimedOut" => InvocationEnd.DeliveryTimedOut,
        "ExecutionTimedOut" => InvocationEnd.ExecutionTimedOut,
        _ when status == CommandInvocationStatus.Success => InvocationEnd.Success,
        _ when status == CommandInvocationStatus.Failed => InvocationEnd.Failed,
        _ when status == CommandInvocationStatus.TimedOut => InvocationEnd.TimedOut,
        _ when status == CommandInvocationStatus.Cancelled || status == CommandInvocationStatus.Cancelling => InvocationEnd.Cancelled,
        _ => null,
    };

    /// <summary>"Failed/Undeliverable", "InProgress": what SSM last said, for messages.</summary>
    private static string Describe(CommandInvocationStatus? status, string? details) =>
        string.IsNullOrEmpty(details) || details == status?.Value ? $"{status}" : $"{status}/{details}";
}
