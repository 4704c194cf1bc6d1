namespace VpceProbe.Lab.Gateway;

/// <summary>
/// Every AWS action the gateway was asked for, in order, with who asked: the caller (the harness's keys, also on a
/// presigned URL an instance downloads with) or an instance role (keys the lab's IMDS issued). Tests read it through
/// GET /_lab/actions and empty it with DELETE, to prove each command's calls are covered by its IAM policy file.
/// </summary>
internal sealed class ActionLog(CallerIdentities callers)
{
    /// <summary>The principal of calls signed with keys the lab's IMDS did not issue.</summary>
    public const string Caller = "caller";

    private readonly List<RecordedAction> _actions = [];

    public void Record(AwsRequest request)
    {
        var principal = callers.RoleSessionArn(IamActions.AccessKeyOf(request)) ?? Caller;
        lock (_actions)
        {
            _actions.Add(new RecordedAction(IamActions.Of(request), principal));
        }
    }

    public IReadOnlyList<RecordedAction> Snapshot()
    {
        lock (_actions)
        {
            return [.. _actions];
        }
    }

    public void Clear()
    {
        lock (_actions)
        {
            _actions.Clear();
        }
    }
}

/// <param name="Action">The IAM action ("ec2:DeleteRoute", "s3:GetObject").</param>
/// <param name="Principal"><see cref="ActionLog.Caller"/>, or the assumed-role session ARN of an instance.</param>
internal sealed record RecordedAction(string Action, string Principal);
