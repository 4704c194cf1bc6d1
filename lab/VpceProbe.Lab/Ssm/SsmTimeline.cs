namespace VpceProbe.Lab.Ssm;

/// <summary>
/// What GET /_lab/ssm/invocations answers: the emulated SSM calls made so far, per operation, and every command
/// invocation with when it was requested, started, ended, and first shown ended by an API answer. The last two
/// give a caller's pick-up delay exactly, measured by the lab rather than by the caller (bench/harness.sh).
/// </summary>
internal static class SsmTimeline
{
    public static object From(CommandStore commands) => new
    {
        Calls = commands.Calls,
        Invocations = commands.All.OrderBy(c => c.RequestedAt).SelectMany(c => c.Invocations).Select(i => new
        {
            i.Command.CommandId,
            i.InstanceId,
            i.Command.Comment,
            i.State.Status,
            StatusDetails = i.State.Details,
            RequestedAt = i.Command.RequestedAt,
            i.ExecutionStart,
            i.ExecutionEnd,
            i.FirstReadEnded,
            PickUpMs = i.ExecutionEnd is { } end && i.FirstReadEnded is { } read ? (read - end).TotalMilliseconds : (double?)null,
        }).ToList(),
    };
}
