using System.Text.Json;
using System.Text.RegularExpressions;

namespace VpceProbe.Lab.Topology.Validation;

/// <summary>Roles, buckets and secrets: unique names AWS accepts, instance profiles unique, policies are objects.</summary>
internal sealed partial class DataCheck : ITopologyCheck
{
    public void Check(TopologyContext context)
    {
        var t = context.Topology;
        context.Unique(t.Roles, "roles", r => r.Name);
        var profiles = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < t.Roles.Count; i++)
        {
            var role = t.Roles[i];
            context.NotBlank($"roles[{i}].name", role.Name);
            if (!profiles.TryAdd(role.InstanceProfile, i))
            {
                context.Error($"roles[{i}].instanceProfile", $"'{role.InstanceProfile}' is also the instance profile of roles[{profiles[role.InstanceProfile]}]");
            }

            if (role.Policy.ValueKind != JsonValueKind.Object)
            {
                context.Error($"roles[{i}].policy", "a policy is a JSON object (an IAM policy document)");
            }
            else if (!role.Policy.TryGetProperty("Statement", out var statement) || statement.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object)
                || (statement.ValueKind == JsonValueKind.Array && statement.GetArrayLength() == 0))
            {
                // IAM's PutRolePolicy refuses a document without statements (MalformedPolicyDocument).
                context.Error($"roles[{i}].policy.Statement", "IAM needs at least one statement");
            }
        }

        context.Bounded("buckets", t.Buckets.Count, 100, "AWS's default quota of buckets per account");
        context.Unique(t.Buckets, "buckets", b => b.Name);
        for (var i = 0; i < t.Buckets.Count; i++)
        {
            if (!BucketName().IsMatch(t.Buckets[i].Name) || t.Buckets[i].Name.Contains("..", StringComparison.Ordinal))
            {
                context.Error($"buckets[{i}].name", $"'{t.Buckets[i].Name}' is not a valid S3 bucket name (3-63 lowercase letters, digits, '.', '-')");
            }

            foreach (var key in t.Buckets[i].Objects.Keys.Where(k => k.Length is 0 or > 1024))
            {
                context.Error($"buckets[{i}].objects", $"object key '{key}' must be 1 to 1024 characters");
            }
        }

        context.Unique(t.Secrets, "secrets", s => s.Name);
        for (var i = 0; i < t.Secrets.Count; i++)
        {
            context.NotBlank($"secrets[{i}].name", t.Secrets[i].Name);
            if (t.Secrets[i].Value.Length == 0)
            {
                context.Error($"secrets[{i}].value", "a secret needs a value");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
