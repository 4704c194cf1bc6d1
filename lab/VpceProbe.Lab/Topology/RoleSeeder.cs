using System.Text.Json;
using System.Xml.Linq;

namespace VpceProbe.Lab.Topology;

/// <summary>Instance roles with their inline policy and instance profile (IAM through signed query calls), roles in parallel.</summary>
internal sealed class RoleSeeder(SignedAwsCalls calls, SeedLedger ledger)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        var arns = await SeedParallel.MapAsync(topology.Roles, async (role, token) =>
        {
            var trust = JsonSerializer.Serialize(new
            {
                Version = "2012-10-17",
                Statement = new[] { new { Effect = "Allow", Principal = new { Service = role.TrustedService }, Action = "sts:AssumeRole" } },
            });
            var created = await Iam("CreateRole", new() { ["RoleName"] = role.Name, ["AssumeRolePolicyDocument"] = trust }, token).ConfigureAwait(false);
            await Iam("PutRolePolicy", new() { ["RoleName"] = role.Name, ["PolicyName"] = $"{role.Name}-policy", ["PolicyDocument"] = role.Policy.GetRawText() }, token).ConfigureAwait(false);
            var profile = await Iam("CreateInstanceProfile", new() { ["InstanceProfileName"] = role.InstanceProfile }, token).ConfigureAwait(false);
            await Iam("AddRoleToInstanceProfile", new() { ["InstanceProfileName"] = role.InstanceProfile, ["RoleName"] = role.Name }, token).ConfigureAwait(false);
            return (Role: Arn(created), Profile: Arn(profile));
        }, ct).ConfigureAwait(false);
        for (var i = 0; i < arns.Length; i++)
        {
            ledger.Add(SeedKinds.Role, topology.Roles[i].Name, arns[i].Role);
            ledger.Add(SeedKinds.InstanceProfile, topology.Roles[i].InstanceProfile, arns[i].Profile);
        }
    }

    private Task<XElement> Iam(string action, Dictionary<string, string> parameters, CancellationToken ct) =>
        calls.QueryAsync("iam", action, "2010-05-08", parameters, ct);

    /// <summary>The first Arn in an IAM answer (the role's or the instance profile's).</summary>
    private static string Arn(XElement answer) => answer.Descendants().First(e => e.Name.LocalName == "Arn").Value;
}
