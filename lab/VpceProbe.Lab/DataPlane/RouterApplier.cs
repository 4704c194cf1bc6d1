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
        await DetachGoneAsync(plan, ct).ConfigureAwait(false);
        await AttachNewAsync(plan, ct).ConfigureAwait(false);
        await Ip.BatchAsync(router, EniChanges(plan), ct).ConfigureAwait(false);
        await Ip.BatchAsync(router, plan.Subnets.SelectMany(s => s.Routes.Select(r => $"route add {r} table {s.TableId}").Prepend($"route flush table {s.TableId}")), ct).ConfigureAwait(false);
        await Ip.NftAsync(router, RouterNftRules.Render(plan), ct).ConfigureAwait(false);
        await resolver.UpdateAsync(plan.HostsFile, ct).ConfigureAwait(false);
    }

    private async Task DetachGoneAsync(RouterPlan plan, CancellationToken ct)
    {
        var wanted = plan.Attachments.ToDictionary(a => a.Id);
        // An attachment whose address, subnet or forwarding changed is made again from scratch.
        var gone = _attachments.Values.Where(a => !wanted.TryGetValue(a.Id, out var now) || now != a).ToList();
        if (gone.Count == 0)
        {
            return;
        }

        // Deleting a namespace deletes its veth, and with it the router's end.
        await Ip.CommandBatchAsync(["ip", "-batch", "-"], gone.Select(a => $"netns del {a.Namespace}"), ct).ConfigureAwait(false);
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

        await Ip.AddNamespacesAsync(added.Select(a => a.Namespace), ct).ConfigureAwait(false);
        await Ip.BatchAsync(names.Router, added.SelectMany(a => new[]
        {
            $"link add {a.RouterLink} type veth peer name eth0 netns {a.Namespace}",
            $"link set {a.RouterLink} master {a.Bridge}",
            $"link set {a.RouterLink} up",
        }), ct).ConfigureAwait(false);
        await Parallel.ForEachAsync(added, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (attachment, token) =>
        {
            if (attachment.Kind == AttachmentKind.Instance)
            {
                NamespaceFiles.Write(attachment.Namespace, plan.ResolverAddress, caPem);
            }

            await Ip.BatchAsync(attachment.Namespace, [
                "link set lo up",
                // noprefixroute: even a neighbour in the same subnet is reached through the router, which is where
                // security groups are enforced (AWS enforces them at every ENI, also inside a subnet).
                $"addr add {attachment.Address}/{attachment.PrefixLength} dev eth0 noprefixroute",
                "link set eth0 up",
                $"route add {attachment.Gateway} dev eth0",
                $"route add default via {attachment.Gateway}",
            ], token).ConfigureAwait(false);
            NamespaceSysctl.Write(attachment.Namespace, attachment.Forwards ? LabFabric.ForwarderSysctls : ["net.ipv4.ip_forward=0"]);
            if (attachment.Forwards)
            {
                await Ip.NftAsync(attachment.Namespace, Masquerade(attachment, plan.VpcCidr), token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        foreach (var attachment in added)
        {
            _attachments[attachment.Id] = attachment;
        }
    }

    /// <summary>A NAT (gateway or instance) sends what it forwards on to its subnet's router with its own address as the source.</summary>
    internal static string Masquerade(AttachmentPlan attachment, string vpcCidr) => $$"""
        table ip vpl {
          chain postrouting { type nat hook postrouting priority srcnat; policy accept; oifname "eth0" ip saddr != {{attachment.Address}} ip daddr != {{vpcCidr}} masquerade; }
        }
        """;

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
