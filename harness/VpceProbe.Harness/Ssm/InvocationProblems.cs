using VpceProbe.Contract.Aws;

namespace VpceProbe.Harness.Ssm;

/// <summary>
/// What an invocation that did not run to completion means, in words that say what to do about it, for any command
/// the harness sends: the agent's run (Transport's AgentRuns) and each deployment step (Deploy's DeployMessages).
/// </summary>
internal static class InvocationProblems
{
    public const string Undeliverable = "SSM could not deliver the command: the instance is not connected to SSM (SSM agent stopped, no instance profile, or no route to " + SsmControlPath.AllServicesText + ")";
    public const string DeliveryTimedOut = "SSM did not deliver the command before its delivery timeout: the instance is offline or cannot reach the SSM endpoints";
    public const string ExecutionTimedOut = "the agent ran past SSM's executionTimeout and was stopped";
    public const string Terminated = "SSM terminated the invocation because the command reached MaxErrors";
    public const string Cancelled = "the command was cancelled in SSM";
    public const string Rejected = "SSM refused the instance (not managed by SSM, not running, or not Linux)";

    public static string Describe(SsmInvocation i) => i.End switch
    {
        InvocationEnd.Undeliverable => Undeliverable,
        InvocationEnd.Rejected => $"{Rejected}: {i.Message}",
        InvocationEnd.DeliveryTimedOut => DeliveryTimedOut,
        InvocationEnd.ExecutionTimedOut or InvocationEnd.TimedOut => ExecutionTimedOut,
        InvocationEnd.WaitExpired => $"SSM did not finish: the harness {i.Message}",
        InvocationEnd.Terminated => Terminated,
        InvocationEnd.Cancelled => Cancelled,
        InvocationEnd.CallerCancelled => i.Message ?? "cancelled by the user",
        _ => i.Message ?? $"SSM ended the command {i.LastStatus}",
    };
}
