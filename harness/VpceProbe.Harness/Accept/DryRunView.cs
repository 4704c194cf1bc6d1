using VpceProbe.Harness.Discovery.Derivation;

namespace VpceProbe.Harness.Accept;

/// <summary>`accept --dry-run`: each instance's derived plan and why, for a person. Nothing is contacted.</summary>
internal static class DryRunView
{
    public static void Write(IReadOnlyList<DerivedPlan> plans, AcceptSelection selection, TextWriter output)
    {
        foreach (var plan in plans)
        {
            var t = plan.Target;
            var name = t.Name is null ? "" : $" ({t.Name})";
            output.WriteLine($"{t.Instance.Id}{name} in {t.Subnet.Id} ({t.Subnet.AvailabilityZone}), route table {t.RouteTable?.Id ?? "none"}: {plan.Probes.Count} probes");
            foreach (var probe in plan.Probes)
            {
                var p = probe.Probe;
                var port = p.Port is { } n ? $":{n}" : "";
                output.WriteLine($"  {p.Id,-24} {p.Kind,-6} {Run.MatrixBuilder.Target(p)}{port} → {p.Expect}");
                output.WriteLine($"  {"",-24} why: {probe.Reason.Text}");
            }
        }

        foreach (var note in selection.Uncovered)
        {
            output.WriteLine($"note: {note}");
        }

        output.WriteLine("dry run: no instance was contacted");
    }
}
