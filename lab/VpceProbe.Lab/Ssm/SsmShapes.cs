using System.Globalization;
using VpceProbe.Contract.Aws;

namespace VpceProbe.Lab.Ssm;

/// <summary>
/// The JSON shapes of SSM's answers, field for field as the API reference gives them. Timestamps are epoch
/// seconds except GetCommandInvocation's Execution* fields, which SSM sends as strings.
/// </summary>
internal static class SsmShapes
{
    public const string PluginName = "aws:runShellScript";

    public static double Epoch(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;

    public static Dictionary<string, object?> Command(SsmCommand c, string region) => new()
    {
        ["CommandId"] = c.CommandId,
        ["DocumentName"] = c.DocumentName,
        ["DocumentVersion"] = "$DEFAULT",
        ["Comment"] = c.Comment,
        ["ExpiresAfter"] = Epoch(c.DeliveryDeadline),
        ["Parameters"] = c.Parameters,
        ["InstanceIds"] = c.Invocations.Select(i => i.InstanceId).ToList(),
        ["Targets"] = c.Targets.Select(t => new Dictionary<string, object> { ["Key"] = t.Key, ["Values"] = t.Values }).ToList(),
        ["RequestedDateTime"] = Epoch(c.RequestedAt),
        ["Status"] = c.Status,
        ["StatusDetails"] = c.Status,
        ["OutputS3Region"] = region,
        ["OutputS3BucketName"] = c.OutputS3BucketName ?? string.Empty,
        ["OutputS3KeyPrefix"] = c.OutputS3KeyPrefix ?? string.Empty,
        ["MaxConcurrency"] = c.MaxConcurrency,
        ["MaxErrors"] = c.MaxErrors,
        ["TargetCount"] = c.Invocations.Count,
        ["CompletedCount"] = c.Invocations.Count(i => i.State.IsTerminal),
        ["ErrorCount"] = c.Invocations.Count(i => i.State.Status is "Failed" && i.State != InvocationState.Undeliverable),
        ["DeliveryTimedOutCount"] = c.Invocations.Count(i => i.State == InvocationState.DeliveryTimedOut),
        ["ServiceRole"] = string.Empty,
        ["NotificationConfig"] = new Dictionary<string, object>(),
        ["CloudWatchOutputConfig"] = new Dictionary<string, object> { ["CloudWatchOutputEnabled"] = false },
        ["TimeoutSeconds"] = (int)c.DeliveryTimeout.TotalSeconds,
    };

    public static Dictionary<string, object?> Invocation(CommandInvocation i, string region)
    {
        var o = i.Current; // one view: status and output must agree
        var ended = o.State.IsTerminal && o.ExecutionStart is not null;
        return new()
        {
            ["CommandId"] = i.Command.CommandId,
            ["InstanceId"] = i.InstanceId,
            ["Comment"] = i.Command.Comment,
            ["DocumentName"] = i.Command.DocumentName,
            ["DocumentVersion"] = "$DEFAULT",
            ["PluginName"] = PluginName,
            ["ResponseCode"] = o.ResponseCode,
            ["ExecutionStartDateTime"] = Text(o.ExecutionStart),
            ["ExecutionElapsedTime"] = o.ExecutionStart is { } s && o.ExecutionEnd is { } e ? System.Xml.XmlConvert.ToString(e - s) : string.Empty,
            ["ExecutionEndDateTime"] = Text(o.ExecutionEnd),
            ["Status"] = o.State.Status,
            ["StatusDetails"] = o.State.Details,
            ["StandardOutputContent"] = ended ? OutputTruncation.Truncate(o.StandardOutput, OutputTruncation.InvocationLimit, OutputTruncation.OutputMarker) : string.Empty,
            ["StandardOutputUrl"] = Url(i, "stdout", region),
            ["StandardErrorContent"] = ended ? OutputTruncation.Truncate(o.StandardError, OutputTruncation.ErrorLimit, OutputTruncation.ErrorMarker) : string.Empty,
            ["StandardErrorUrl"] = Url(i, "stderr", region),
            ["CloudWatchOutputConfig"] = new Dictionary<string, object> { ["CloudWatchOutputEnabled"] = false },
        };
    }

    public static Dictionary<string, object?> ListedInvocation(CommandInvocation i, bool details, string region)
    {
        var o = i.Current; // one view: status and plugin output must agree
        return new()
        {
            ["CommandId"] = i.Command.CommandId,
            ["InstanceId"] = i.InstanceId,
            ["InstanceName"] = string.Empty,
            ["Comment"] = i.Command.Comment,
            ["DocumentName"] = i.Command.DocumentName,
            ["DocumentVersion"] = "$DEFAULT",
            ["RequestedDateTime"] = Epoch(i.Command.RequestedAt),
            ["Status"] = o.State.Status,
            ["StatusDetails"] = o.State.Details,
            ["TraceOutput"] = string.Empty,
            ["StandardOutputUrl"] = Url(i, "stdout", region),
            ["StandardErrorUrl"] = Url(i, "stderr", region),
            ["CommandPlugins"] = details ? new[] { Plugin(i, o, region) } : [],
            ["ServiceRole"] = string.Empty,
            ["NotificationConfig"] = new Dictionary<string, object>(),
            ["CloudWatchOutputConfig"] = new Dictionary<string, object> { ["CloudWatchOutputEnabled"] = false },
        };
    }

    public static Dictionary<string, object?> Node(ManagedNode n) => new()
    {
        ["InstanceId"] = n.InstanceId,
        ["PingStatus"] = n.PingStatus.ToString(),
        ["LastPingDateTime"] = Epoch(n.LastPing),
        ["AgentVersion"] = n.AgentVersion,
        ["IsLatestVersion"] = SsmControlPath.Parse(n.AgentVersion) >= SsmControlPath.Parse(SsmControlPath.DefaultLabAgentVersion),
        ["PlatformType"] = "Linux",
        ["PlatformName"] = "Amazon Linux",
        ["PlatformVersion"] = "2023",
        ["ResourceType"] = "EC2Instance",
        ["IPAddress"] = n.IpAddress ?? string.Empty,
        ["ComputerName"] = n.IpAddress is null ? n.InstanceId : $"ip-{n.IpAddress.Replace('.', '-')}.ec2.internal",
        ["RegistrationDate"] = Epoch(n.RegisteredAt),
        ["SourceId"] = n.InstanceId,
        ["SourceType"] = "AWS::EC2::Instance",
    };

    private static Dictionary<string, object?> Plugin(CommandInvocation i, InvocationOutcome o, string region) => new()
    {
        ["Name"] = PluginName,
        ["Status"] = o.State.Status,
        ["StatusDetails"] = o.State.Details,
        ["ResponseCode"] = o.ResponseCode,
        ["ResponseStartDateTime"] = o.ExecutionStart is { } s ? Epoch(s) : null,
        ["ResponseFinishDateTime"] = o.ExecutionEnd is { } e ? Epoch(e) : null,
        ["Output"] = o.State.IsTerminal ? OutputTruncation.Combined(o.StandardOutput, o.StandardError, OutputTruncation.PluginOutputLimit) : string.Empty,
        ["StandardOutputUrl"] = Url(i, "stdout", region),
        ["StandardErrorUrl"] = Url(i, "stderr", region),
        ["OutputS3Region"] = region,
        ["OutputS3BucketName"] = i.Command.OutputS3BucketName ?? string.Empty,
        ["OutputS3KeyPrefix"] = i.Command.OutputS3KeyPrefix ?? string.Empty,
    };

    private static string Text(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Url(CommandInvocation i, string stream, string region) =>
        i.Command.OutputS3BucketName is { Length: > 0 } bucket
            ? $"https://{ServiceHostName.Of("s3", region)}/{bucket}/{CommandExecutor.OutputKey(i, stream)}"
            : string.Empty;
}
