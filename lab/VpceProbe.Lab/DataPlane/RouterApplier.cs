namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// Brings the namespaces in line with a <see cref="RouterPlan"/>: adds what is new (subnet bridges and their
/// policy rules, instance and NAT gateway namespaces, ENI addresses), removes what is gone, and rewrites each
/// subnet's table, the router's nft table and the resolver's names. Remembers what it made, so a pass with no
/// change runs only the table rewrites. New namespaces are made in one `ip -batch`, their router-side links in
/// another, and each is configured with one `ip -batch` of its own, several at a time.
/// </summary>
internal sealed class RouterApplier(LabNames names, VpcResolver resolver, string caPem)
{
    private const int Parallelism = 4;
    private readonly Dictionary<string, SubnetPlan> _subnets = [];
    private readonly Dictionary<string, AttachmentPlan> _attachments = [];
    private readonly HashSet<(string Address, string Bridge)> _eniAddresses = [];
    private string? _vpcCidr;

    public async Task ApplyAsync(RouterPlan plan, CancellationToken ct)
    {
        var router = names.Router;
        if (_vpcCidr != plan.VpcCidr)
        {
            // The VPC-local route of every route table: traffic inside the VPC never reaches a subnet's table.
            // (Deleted first: a pass that failed after adding it is retried from here.)
            await Ip.BestEffortAsync(router, [VpcLocalRule("del", plan.VpcCidr)]).ConfigureAwait(false);
            await Ip.InAsync(router, VpcLocalRule("add", plan.VpcCidr), ct).ConfigureAwait(false);
            await resolver.EnsureStartedAsync(plan.ResolverAddress, ct).ConfigureAwait(false);
            _vpcCidr = plan.VpcCidr;
        }

        await AddNewSubnetsAsync(plan, ct).ConfigureAwait(false);
        await DetachGoneAsync(plan).ConfigureAwait(false);
        await AttachNewAsync(plan, ct).ConfigureAwait(false);
        await ApplyEniChangesAsync(plan, ct).ConfigureAwait(false);
        await RemoveGoneSubnetsAsync(plan).ConfigureAwait(false);
        await Ip.BatchAsync(router, plan.Subnets.SelectMany(s => s.Routes.Select(r => $"route add {r} table {s.TableId}").Prepend($"route flush table {s.TableId}")), ct).ConfigureAwait(false);
        await Ip.NftAsync(router, RouterNftRules.Render(plan), ct).ConfigureAwait(false);
        await resolver.UpdateAsync(plan.HostsFile, ct).ConfigureAwait(false);
    }

    private static string VpcLocalRule(string verb, string vpcCidr) => $"rule {verb} from {vpcCidr} to {vpcCidr} lookup main pref 100";

    /// <summary>
    /// A bridge, its router address and its policy rule per new subnet. Remembered only once made; if the batch
    /// fails, what it made is removed again, so the retry finds nothing half-made (a second `link add` would fail).
    /// </summary>
    private async Task AddNewSubnetsAsync(RouterPlan plan, CancellationToken ct)
    {
        var added = plan.Subnets.Where(s => !_subnets.ContainsKey(s.Id)).ToList();
        try
        {
            await Ip.BatchAsync(names.Router, added.SelectMany(subnet => new[]
            {
                $"link add {subnet.Bridge} type bridge",
                $"addr add {subnet.RouterAddress} dev {subnet.Bridge}",
                $"link set {subnet.Bridge} up",
                $"rule add from {subnet.Cidr} lookup {subnet.TableId} pref {StableIds.SubnetRulePriority}",
            }), ct).ConfigureAwait(false);
        }
        catch
        {
            await Ip.BestEffortAsync(names.Router, added.SelectMany(SubnetRemoval)).ConfigureAwait(false);
            throw;
        }

        foreach (var subnet in added)
        {
            _subnets[subnet.Id] = subnet;
        }
    }

    /// <summary>
    /// A deleted subnet's bridge (with its router address), rule and table go. Left behind, a new subnet with the
    /// same CIDR would get a second bridge with the same router address, and the router's replies to it would go
    /// out of the old bridge: a new instance there could not even resolve names.
    /// </summary>
    private async Task RemoveGoneSubnetsAsync(RouterPlan plan)
    {
        var wanted = plan.Subnets.Select(s => s.Id).ToHashSet();
        var gone = _subnets.Values.Where(s => !wanted.Contains(s.Id)).ToList();
        if (gone.Count == 0)
        {
            return;
        }

        await Ip.BestEffortAsync(names.Router, gone.SelectMany(SubnetRemoval)).ConfigureAwait(false);
        foreach (var subnet in gone)
        {
            _subnets.Remove(subnet.Id);
        }
    }

    private static IEnumerable<string> SubnetRemoval(SubnetPlan subnet) =>
    [
        $"rule del from {subnet.Cidr} lookup {subnet.TableId} pref {StableIds.SubnetRulePriority}",
        $"route flush table {subnet.TableId}",
        $"link del {subnet.Bridge}",
    ];

    private async Task DetachGoneAsync(RouterPlan plan)
    {
        var wanted = plan.Attachments.ToDictionary(a => a.Id);
        // An attachment whose address, subnet or forwarding changed is made again from scratch.
        var gone = _attachments.Values.Where(a => !wanted.TryGetValue(a.Id, out var now) || now != a).ToList();
        if (gone.Count == 0)
        {
            return;
        }

        await RemoveAsync(gone).ConfigureAwait(false);
        foreach (var attachment in gone)
        {
            _attachments.Remove(attachment.Id);
            NamespaceFiles.Remove(attachment.Namespace);
        }
    }

    private async Task AttachNewAsync(RouterPlan plan, CancellationToken ct)
    {
        var added = plan.Attachments.Where(a => !_attachments.ContainsKey(a.Id)).ToList();
        if (added.Count == 0)
        {
            return;
        }

        try
        {
            await Ip.AddNamespacesAsync(added.Select(a => a.Namespace), ct).ConfigureAwait(false);
            await Ip.BatchAsync(names.Router, added.SelectMany(a => new[]
            {
                $"link add {a.RouterLink} type veth peer name eth0 netns {a.Namespace}",
                $"link set {a.RouterLink} master {a.Bridge}",
                $"link set {a.RouterLink} up",
            }), ct).ConfigureAwait(false);
            await Parallel.ForEachAsync(added, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, (attachment, token) =>
                ConfigureAsync(attachment, plan, token)).ConfigureAwait(false);
        }
        catch
        {
            // Whatever failed (a command, a file, the lab stopping), none of this pass's attachments stays half-made:
            // the next pass makes them all again, and a namespace or link left here would make its `add` fail forever.
            await RemoveAsync(added).ConfigureAwait(false);
            foreach (var attachment in added)
            {
                NamespaceFiles.Remove(attachment.Namespace);
            }

            throw;
        }

        foreach (var attachment in added)
        {
            _attachments[attachment.Id] = attachment;
        }
    }

    /// <summary>
    /// The router's end of each veth first, then the namespaces. Best effort: one already gone is as good. The kernel
    /// frees a deleted namespace (and the veth in it) asynchronously, so the router's end could outlive `netns del`
    /// for a moment, and an attachment made again at once (source/dest check turned off) would meet "File exists";
    /// deleting that end deletes the pair at once.
    /// </summary>
    private async Task RemoveAsync(IReadOnlyList<AttachmentPlan> attachments)
    {
        await Ip.BestEffortAsync(names.Router, attachments.Select(a => $"link del {a.RouterLink}")).ConfigureAwait(false);
        await Ip.BestEffortAsync(null, attachments.Select(a => $"netns del {a.Namespace}")).ConfigureAwait(false);
    }

    private async ValueTask ConfigureAsync(AttachmentPlan attachment, RouterPlan plan, CancellationToken ct)
    {
        if (attachment.Kind == AttachmentKind.Instance)
        {
            NamespaceFiles.Write(attachment.Namespace, plan.ResolverAddress, caPem, Path.Combine(names.StateDirectory, "ssl"));
        }

        await Ip.BatchAsync(attachment.Namespace, [
            "link set lo up",
            // noprefixroute: even a neighbour in the same subnet is reached through the router, which is where
            // security groups are enforced (AWS enforces them at every ENI, also inside a subnet).
            $"addr add {attachment.Address}/{attachment.PrefixLength} dev eth0 noprefixroute",
            "link set eth0 up",
            $"route add {attachment.Gateway} dev eth0",
            $"route add default via {attachment.Gateway}",
        ], ct).ConfigureAwait(false);
        NamespaceSysctl.Write(attachment.Namespace, attachment.Forwards ? LabFabric.ForwarderSysctls : ["net.ipv4.ip_forward=0"]);
        if (attachment.Forwards)
        {
            await Ip.NftAsync(attachment.Namespace, Masquerade(attachment, plan.VpcCidr), ct).ConfigureAwait(false);
        }
    }

    /// <summary>A NAT (gateway or instance) sends what it forwards on to its subnet's router with its own address as the source.</summary>
    internal static string Masquerade(AttachmentPlan attachment, string vpcCidr) => $$"""
        table ip vpl {
          chain postrouting { type nat hook postrouting priority srcnat; policy accept; oifname "eth0" ip saddr != {{attachment.Address}} ip daddr != {{vpcCidr}} masquerade; }
        }
        """;

    /// <summary>
    /// Interface endpoint addresses on their subnets' bridges. `replace` adds idempotently and removals are best
    /// effort (a gone subnet's bridge took its addresses with it), so a pass retried after a failure converges.
    /// </summary>
    private async Task ApplyEniChangesAsync(RouterPlan plan, CancellationToken ct)
    {
        var wanted = plan.Enis.Select(e => (e.Address, e.Bridge)).ToHashSet();
        await Ip.BestEffortAsync(names.Router, _eniAddresses.Except(wanted).Select(e => $"addr del {e.Address}/32 dev {e.Bridge}")).ConfigureAwait(false);
        await Ip.BatchAsync(names.Router, wanted.Except(_eniAddresses).Select(e => $"addr replace {e.Address}/32 dev {e.Bridge}"), ct).ConfigureAwait(false);
        _eniAddresses.Clear();
        _eniAddresses.UnionWith(wanted);
    }
}
