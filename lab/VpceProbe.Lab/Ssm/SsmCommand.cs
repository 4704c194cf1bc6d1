namespace VpceProbe.Lab.Ssm;

/// <summary>
/// A SendCommand as SSM keeps it: the document, its parameters, the targets and the timeouts. The delivery
/// deadline follows AWS: an invocation not received by the agent within TimeoutSeconds plus the document's
/// executionTimeout ends DeliveryTimedOut.
/// </summary>
internal sealed class SsmCommand
{
    public required string CommandId { get; init; }

    public required string DocumentName { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters { get; init; }

    public required string Comment { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public required TimeSpan DeliveryTimeout { get; init; }

    public required TimeSpan ExecutionTimeout { get; init; }

    public string? OutputS3BucketName { get; init; }

    public string? OutputS3KeyPrefix { get; init; }

    /// <summary>SendCommand's Targets as given (empty when it named InstanceIds).</summary>
    public IReadOnlyList<SsmTarget> Targets { get; init; } = [];

    /// <summary>SSM's rate controls as given; SSM's defaults are 50 and 0.</summary>
    public string MaxConcurrency { get; init; } = "50";

    public string MaxErrors { get; init; } = "0";

    public List<CommandInvocation> Invocations { get; } = [];

    public DateTimeOffset DeliveryDeadline => RequestedAt + DeliveryTimeout + ExecutionTimeout;

    /// <summary>The shell script: AWS-RunShellScript's "commands" lines, run by one /bin/sh as the agent does.</summary>
    public string Script => string.Join('\n', Parameters.TryGetValue("commands", out var lines) ? lines : []);

    /// <summary>The parent command's status from its invocations (ListCommands).</summary>
    public string Status
    {
        get
        {
            var states = Invocations.Select(i => i.State).ToList();
            if (states.Count == 0 || states.All(s => s == InvocationState.Pending))
            {
                return "Pending";
            }

            if (!states.All(s => s.IsTerminal))
            {
                return "InProgress";
            }

            if (states.All(s => s.Status == "Success"))
            {
                return "Success";
            }

            return states.Any(s => s == InvocationState.Cancelled) ? "Cancelled"
                : states.Any(s => s.Status == "TimedOut") ? "TimedOut"
                : "Failed";
        }
    }
}
