using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Changes;

/// <summary>What every change needs: the EC2 client, the VPC as it is now, the targets, the journal and the waits.</summary>
internal sealed class ChangeContext(
    IAmazonEC2 ec2, VpcSnapshot vpc, IReadOnlyList<InstanceInfo> targets, RunJournal? journal, ResourceWaits waits, CrashHook crash, string phase,
    string? plannedRunId = null)
{
    public const string RunIdTag = "vpceprobe:run-id";

    public IAmazonEC2 Ec2 { get; } = ec2;

    public VpcSnapshot Vpc { get; } = vpc;

    public IReadOnlyList<InstanceInfo> Targets { get; } = targets;

    public ResourceWaits Waits { get; } = waits;

    public string Phase { get; } = phase;

    /// <summary>
    /// Where a change leaves its wait for what it created to become usable, for the phase to finish after its last
    /// action (<see cref="PendingWaits"/>); null: the change waits before it returns (tests, direct callers).
    /// </summary>
    public PendingWaits? Pending { get; init; }

    /// <summary>Null in a dry run: nothing may be changed, so nothing is journaled.</summary>
    public RunJournal? Journal { get; } = journal;

    /// <summary>The run's id; before the journal exists, the id the run will have (so the plan names what will be created), else "dry-run".</summary>
    public string RunId => Journal?.Header.RunId ?? plannedRunId ?? "dry-run";

    /// <summary>The route tables the targets' subnets really use (explicit association, else the main table).</summary>
    public IReadOnlyList<RouteTableInfo> TargetRouteTables()
    {
        var ids = Vpc.Subnets.Where(s => Targets.Any(t => t.SubnetId == s.Id)).Select(s => s.RouteTableId).ToHashSet();
        return [.. Vpc.RouteTables.Where(t => ids.Contains(t.Id))];
    }

    /// <summary>One subnet per availability zone the targets are in: where an interface endpoint's ENIs go.</summary>
    public IReadOnlyList<string> OneSubnetPerTargetZone() =>
        [.. Targets.GroupBy(t => Vpc.Subnets.FirstOrDefault(s => s.Id == t.SubnetId)?.AvailabilityZone ?? t.SubnetId)
            .Select(g => g.OrderBy(t => t.SubnetId, StringComparer.Ordinal).First().SubnetId)
            .Distinct()];

    public string ServiceName(string service) => $"com.amazonaws.{Vpc.Region}.{service}";

    /// <summary>An endpoint for the service that already exists and is usable: adopted, never duplicated or deleted.</summary>
    public EndpointInfo? ExistingEndpoint(string serviceName) =>
        Vpc.Endpoints.FirstOrDefault(e => e.ServiceName == serviceName && EndpointStates.IsLive(e));

    public List<TagSpecification> Tags(ResourceType type, string name) =>
    [
        new() { ResourceType = type, Tags = [new(RunIdTag, RunId), new("Name", name)] },
    ];

    public JournalEntry Intent(JournalEntry entry) =>
        Journal!.Append(entry with { Type = JournalEntryTypes.Intent, Seq = Journal.NextSeq, Phase = Phase });

    public void Done(JournalEntry intent, string resourceId)
    {
        Journal!.Append(new JournalEntry { Type = JournalEntryTypes.Done, Seq = intent.Seq, Phase = Phase, Action = intent.Action, ResourceId = resourceId });
        crash.AfterChangeDone();
    }

    public ChangeRecord Record(string action, string resource, string description, ChangeStatus status) =>
        new(Phase, action, resource, description, status);
}
