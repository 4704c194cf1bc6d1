using VpceProbe.Harness.Reports.Terminal;

namespace VpceProbe.Harness.Ssm;

/// <summary>
/// How commands are sent through SSM and how long the harness waits for them. Defaults suit real AWS; tests
/// use zero poll delays. Validated at construction so a bad value fails before anything is sent.
/// </summary>
internal sealed record SsmOptions
{
    /// <summary>SendCommand's TimeoutSeconds: how long SSM tries to deliver (AWS allows 30 s to 30 days).</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Pause between ListCommandInvocations calls while results are due (see <see cref="PollPacer"/>): half a second
    /// reads a result within about 0.5 s of its end, at two calls a second per 50 instances.
    /// </summary>
    public TimeSpan PollDueDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The first pause after sending, doubling up to <see cref="PollDueDelay"/>: polls at 0.1, 0.3, 0.7 s, then every
    /// 0.5 s. Three extra calls per command; a step that ends in 150 ms is read at 0.3 s instead of 0.5 s.
    /// </summary>
    public TimeSpan PollFirstDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>First pause between polls once results are overdue; doubles up to <see cref="PollMaxDelay"/>.</summary>
    public TimeSpan PollInitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan PollMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long InvocationDoesNotExist is taken for "not visible yet": GetCommandInvocation right after
    /// SendCommand often answers it (aws/aws-sdk#86, boto/boto3#2701) before the invocation exists.
    /// </summary>
    public TimeSpan NotYetVisibleGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Slack on top of delivery plus execution time before the harness stops waiting on its own.</summary>
    public TimeSpan WaitMargin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>--output-bucket: where SSM writes full stdout when it could exceed GetCommandInvocation's 24,000 characters.</summary>
    public string? OutputBucket { get; init; }

    public string OutputKeyPrefix { get; init; } = "vpceprobe/ssm-output";

    /// <summary>
    /// When set, SendCommand targets instances by this tag and SSM itself fans out under <see cref="TagTarget.MaxConcurrency"/>
    /// and <see cref="TagTarget.MaxErrors"/> (one command for the whole fleet) instead of the harness listing instance ids.
    /// </summary>
    public TagTarget? TagTarget { get; init; }

    /// <summary>Counts the SSM calls made, for the run's timing and the benchmark.</summary>
    public SsmCallCounter Calls { get; init; } = new();

    /// <summary>Shows a person what the harness is waiting for while SSM runs the command (interactive consoles only).</summary>
    public WaitProgress Progress { get; init; } = WaitProgress.None;

    /// <summary>Instances per SendCommand: the API takes at most 50 InstanceIds.</summary>
    public const int MaxTargetsPerCommand = 50;

    /// <summary>GetCommandInvocation returns the first 24,000 characters of stdout (8,000 of stderr).</summary>
    public const int StdoutLimit = 24_000;

    /// <summary>ListCommandInvocations' MaxResults: at most 50 invocations a page.</summary>
    public const int ListPageSize = 50;

    public SsmOptions Validated()
    {
        if (DeliveryTimeout < TimeSpan.FromSeconds(30))
        {
            throw new ArgumentOutOfRangeException(nameof(DeliveryTimeout), DeliveryTimeout, "SSM's TimeoutSeconds is at least 30 seconds");
        }

        if (PollDueDelay < TimeSpan.Zero || PollFirstDelay < TimeSpan.Zero || PollInitialDelay < TimeSpan.Zero || PollMaxDelay < PollInitialDelay || NotYetVisibleGrace < TimeSpan.Zero || WaitMargin < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollMaxDelay), "poll delays and margins must be non-negative, the maximum at least the initial delay");
        }

        return this;
    }
}

/// <summary>
/// One plain command for a set of instances, with its own execution timeout and an optional S3 output.
/// <paramref name="DueWithin"/> is how long after sending its results can be expected (the agent's deadline, a
/// few seconds for a file operation): the harness polls quickly until then and backs off after.
/// </summary>
internal sealed record SsmCommand(PlainCommand Command, TimeSpan ExecutionTimeout, string Comment, bool OutputToS3 = false, TimeSpan? DueWithin = null)
{
    /// <summary>A step that only touches a file is done in well under this on any instance SSM can reach.</summary>
    public static readonly TimeSpan QuickDue = TimeSpan.FromSeconds(15);

    public TimeSpan Due => DueWithin ?? QuickDue;
}
