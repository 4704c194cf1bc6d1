namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// Brings the namespaces in line with a <see cref="RouterPlan"/>: adds what is new (subnet bridges and their
/// policy rules, instance namespaces, the NAT's subnet link, ENI addresses), removes what is gone, and rewrites
/// each subnet's table, the router's nft table and the resolver's names. Remembers what it made, so a pass
/// with no change runs only the table rewrites.
/// </summary>
internal sealed class RouterApplier(LabNames names, VpcResolver resolver, string caPem)
{
    private readonly HashSet<string> _subnets = [];
    private readonly Dictionary<string, AttachmentPlan> _attachments = [];
    private readonly HashSet<(string Address, string Bridge)> _eniAddresses = [];
    private string? _vpcCidr;

    public async Task ApplyAsync(RouterPlan plan, CancellationToken ct)
    {
        var router = names.Router;
        if (_vpcCidr != plan.VpcCidr)
        {
            // The VPC-local route of every route table: traffic inside the VPC never reaches a subnet's table.
            await Ip.InAsync(router, $"rule add from {plan.VpcCidr} to {plan.VpcCidr} lookup main pref 100", ct).ConfigureAwait(false);
            await resolver.EnsureStartedAsync(plan.ResolverAddress, ct).ConfigureAwait(false);
            _vpcCidr = plan.VpcCidr;
        }

        var setup = new List<string>();
        foreach (var subnet in plan.Subnets.Where(s => _subnets.Add(s.Id)))
        {
            setup.Add($"link add {subnet.Bridge} type bridge");
            setup.Add($"addr add {subnet.RouterAddress} dev {subnet.Bridge}");
            setup.Add($"link set {subnet.Bridge} up");
            setup.Add($"rule add from {subnet.Cidr} lookup {subnet.TableId} pref {subnet.TableId}");
        }

        await Ip.BatchAsync(router, setup, ct).ConfigureAwait(false);
        await AttachAsync(plan, ct).ConfigureAwait(false);
        await Ip.BatchAsync(router, EniChanges(plan), ct).ConfigureAwait(false);
        await Ip.BatchAsync(router, plan.Subnets.SelectMany(s => s.Routes.Select(r => $"route add {r} table {s.TableId}").Prepend($"route flush table {s.TableId}")), ct).ConfigureAwait(false);
        await Ip.NftAsync(router, RouterNftRules.Render(plan), ct).ConfigureAwait(false);
        await resolver.UpdateAsync(plan.HostsFile, ct).ConfigureAwait(false);
    }

    private async Task AttachAsync(RouterPlan plan, CancellationToken ct)
    {
        foreach (var gone in _attachments.Values.Where(a => plan.Attachments.All(p => p.Id != a.Id)).ToList())
        {
            _attachments.Remove(gone.Id);
            await Ip.InAsync(names.Router, $"link del {gone.RouterLink}", ct).ConfigureAwait(false);
            if (!gone.IsNat)
            {
                await Commands.MustAsync(["ip", "netns", "del", gone.Namespace], cancellationToken: ct).ConfigureAwait(false);
                NamespaceFiles.Remove(gone.Namespace);
            }
        }

        foreach (var attachment in plan.Attachments.Where(a => !_attachments.ContainsKey(a.Id)))
        {
            if (!attachment.IsNat)
            {
                await Ip.AddNamespaceAsync(attachment.Namespace, ct).ConfigureAwait(false);
                NamespaceFiles.Write(attachment.Namespace, plan.ResolverAddress, caPem);
            }

            await Ip.BatchAsync(names.Router, [
                $"link add {attachment.RouterLink} type veth peer name eth0 netns {attachment.Namespace}",
                $"link set {attachment.RouterLink} master {attachment.Bridge}",
                $"link set {attachment.RouterLink} up",
            ], ct).ConfigureAwait(false);
            await Ip.BatchAsync(attachment.Namespace, [
                $"addr add {attachment.Address}/{attachment.PrefixLength} dev eth0",
                "link set eth0 up",
                // The NAT keeps its default route to the internet; it reaches the rest of the VPC through the router.
                attachment.IsNat ? $"route add {plan.VpcCidr} via {attachment.Gateway}" : $"route add default via {attachment.Gateway}",
            ], ct).ConfigureAwait(false);
            _attachments[attachment.Id] = attachment;
        }
    }

    private List<string> EniChanges(RouterPlan plan)
    {
        var wanted = plan.Enis.Select(e => (e.Address, e.Bridge)).ToHashSet();
        var changes = _eniAddresses.Except(wanted).Select(e => $"addr del {e.Address}/32 dev {e.Bridge}")
            .Concat(wanted.Except(_eniAddresses).Select(e => $"addr add {e.Address}/32 dev {e.Bridge}"))
            .ToList();
        _eniAddresses.Clear();
        _eniAddresses.UnionWith(wanted);
        return changes;
    }
}
