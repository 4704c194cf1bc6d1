namespace VpceProbe.Lab.Ssm;

/// <summary>
/// Status and StatusDetails of a command invocation, as the SSM API spells them. Status is the API's
/// CommandInvocationStatus; StatusDetails carries the finer reason. From "Understanding command statuses":
/// a command the agent never received ends Status TimedOut / StatusDetails DeliveryTimedOut once the delivery
/// timeout plus the execution timeout have passed; one that could not be delivered at all (the node is gone)
/// ends Status Failed / StatusDetails Undeliverable.
/// </summary>
internal sealed record InvocationState(string Status, string Details)
{
    public static InvocationState Pending { get; } = new("Pending", "Pending");
    public static InvocationState InProgress { get; } = new("InProgress", "InProgress");
    public static InvocationState Delayed { get; } = new("Delayed", "Delayed");
    public static InvocationState Success { get; } = new("Success", "Success");
    public static InvocationState Failed { get; } = new("Failed", "Failed");
    public static InvocationState DeliveryTimedOut { get; } = new("TimedOut", "DeliveryTimedOut");
    public static InvocationState ExecutionTimedOut { get; } = new("TimedOut", "ExecutionTimedOut");
    public static InvocationState Undeliverable { get; } = new("Failed", "Undeliverable");
    public static InvocationState Cancelled { get; } = new("Cancelled", "Cancelled");

    /// <summary>
    /// Never sent because the command passed MaxErrors: "subsequent command invocations were canceled by the system"
    /// (Understanding command statuses), so Status Cancelled with StatusDetails Terminated.
    /// </summary>
    public static InvocationState Terminated { get; } = new("Cancelled", "Terminated");

    public bool IsTerminal => Status is "Success" or "Failed" or "TimedOut" or "Cancelled";
}
