using System.Globalization;
using Amazon.EC2;

namespace VpceProbe.Harness.Run;

/// <summary>
/// One run per VPC: a tag on the VPC (<see cref="TagKey"/> = "RUN_ID host=HOST pid=PID until=TIME") that the live
/// run renews every minute for three. A second run, or a rollback, that finds a lease still running is refused
/// naming the run and where it runs; a lease left by a run that died (its time passed) is taken over by
/// `vpceprobe rollback RUN`, which removes it once the VPC is restored. Released with a conditional DeleteTags
/// (only if the value is still ours): "If you specify a tag key with a tag value, we delete the tag only if its
/// value matches" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteTags.html).
/// Limits (README): tags are not a lock, two runs starting within the same second can both read "free"; the
/// re-read after writing catches most of that, not all.
/// </summary>
internal sealed class VpcLease(IAmazonEC2 ec2, TimeProvider time, string vpcId, string runId) : IAsyncDisposable
{
    public const string TagKey = "vpceprobe:run";

    public static readonly TimeSpan Length = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    private ITimer? _renewal;
    private string? _value;

    /// <summary>Takes the lease; returns null, or why not (another run holds it, or a dead run's changes may still be there).</summary>
    public async Task<string?> AcquireAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(ec2, vpcId, cancellationToken).ConfigureAwait(false) is { } held && held.RunId != runId)
        {
            return Refusal(held, time.GetUtcNow());
        }

        await WriteAsync(cancellationToken).ConfigureAwait(false);

        // Last writer wins: read back, and give way if another run wrote after us.
        if (await ReadAsync(ec2, vpcId, cancellationToken).ConfigureAwait(false) is { } now && now.RunId != runId)
        {
            _value = null;
            return Refusal(now, time.GetUtcNow());
        }

        _renewal = time.CreateTimer(_ => _ = RenewAsync(), null, RenewEvery, RenewEvery);
        return null;
    }

    /// <summary>Gives the VPC back: only once everything is restored (otherwise the lease runs out and rollback takes over).</summary>
    public async Task ReleaseAsync()
    {
        await StopRenewingAsync().ConfigureAwait(false);
        if (_value is { } value)
        {
            await ec2.DeleteTagsAsync(new() { Resources = [vpcId], Tags = [new(TagKey, value)] }).ConfigureAwait(false);
            _value = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopRenewingAsync().ConfigureAwait(false);

    /// <summary>The lease on the VPC, if any.</summary>
    public static async Task<LeaseHolder?> ReadAsync(IAmazonEC2 ec2, string vpcId, CancellationToken cancellationToken)
    {
        var tags = await ec2.DescribeTagsAsync(
            new() { Filters = [new("resource-id", [vpcId]), new("key", [TagKey])] }, cancellationToken).ConfigureAwait(false);
        return tags.Tags?.FirstOrDefault()?.Value is { } value ? LeaseHolder.Parse(value) : null;
    }

    /// <summary>Why a run (or a rollback of another run) may not start while this lease is on the VPC.</summary>
    public static string Refusal(LeaseHolder held, DateTimeOffset now) => held.IsAlive(now)
        ? $"run {held.RunId} is in progress on this VPC (host {held.Host}, pid {held.Pid}, lease renewed until {held.Until:u}); wait for it to end"
        : $"run {held.RunId} (host {held.Host}, pid {held.Pid}) stopped renewing its lease at {held.Until:u} and may have left changes: finish it with `vpceprobe rollback {held.RunId}` on {held.Host}";

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var value = new LeaseHolder(runId, Environment.MachineName, Environment.ProcessId, time.GetUtcNow() + Length).Format();
        await ec2.CreateTagsAsync(new() { Resources = [vpcId], Tags = [new(TagKey, value)] }, cancellationToken).ConfigureAwait(false);
        _value = value;
    }

    // A failed renewal is not fatal (the SDK already retried); the next one may work before the lease runs out.
    private async Task RenewAsync()
    {
        try
        {
            await WriteAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonEC2Exception or Amazon.Runtime.AmazonClientException or HttpRequestException)
        {
            // Said nowhere on purpose: the run's log belongs to the run; the lease's length absorbs a missed renewal.
        }
    }

    private async Task StopRenewingAsync()
    {
        if (_renewal is not null)
        {
            await _renewal.DisposeAsync().ConfigureAwait(false);
            _renewal = null;
        }
    }
}

/// <summary>Who holds a VPC's lease, and until when.</summary>
internal sealed record LeaseHolder(string RunId, string Host, int Pid, DateTimeOffset Until)
{
    /// <summary>
    /// Alive while the lease runs, unless it was taken on this host by a process that is gone (killed): then the
    /// run is dead now, and a rollback need not wait for the lease to run out. A reused pid reads as alive until then.
    /// </summary>
    public bool IsAlive(DateTimeOffset now) => Until > now && !(Host == Environment.MachineName && !ProcessExists(Pid));

    /// <summary>The tag's value as read: what a conditional DeleteTags must name exactly.</summary>
    public string? Raw { get; init; }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public string Format() =>
        $"{RunId} host={Host} pid={Pid.ToString(CultureInfo.InvariantCulture)} until={Until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";

    /// <summary>A value that does not parse is a lease of unknown origin: held, until now (treated as a dead run's).</summary>
    public static LeaseHolder Parse(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string Field(string name) => parts.FirstOrDefault(p => p.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..] ?? "?";
        return new LeaseHolder(
            parts.FirstOrDefault() ?? "?",
            Field("host"),
            int.TryParse(Field("pid"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0,
            DateTimeOffset.TryParse(Field("until"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until) ? until : DateTimeOffset.MinValue)
        {
            Raw = value,
        };
    }
}
