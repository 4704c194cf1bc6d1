namespace VpceProbe.Lab.DataPlane;

/// <summary>Names and numbers derived from AWS ids, stable across reconciles and processes (no random, no counters).</summary>
internal static class StableIds
{
    /// <summary>FNV-1a: small, and the same in every process (string.GetHashCode is randomized per process).</summary>
    public static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>
    /// A policy-routing table number for a subnet, from 1,000 up (away from local, main and default, 253-255), over two
    /// billion values: two subnets sharing a table would route by each other's route table. (Drawn from 30,000, as
    /// it once was when the number was also the rule's priority, a lab of 20 subnets shared one about once in 150.)
    /// </summary>
    public static int TableId(string subnetId) => 1000 + (int)(Hash(subnetId) % 2_000_000_000);

    /// <summary>
    /// The priority of every subnet's `from SUBNET lookup TABLE` rule: after the VPC-local rule (100), before main's
    /// 32766. One value for all: the rules select disjoint sources, so their order among themselves never matters.
    /// </summary>
    public const int SubnetRulePriority = 1000;

    /// <summary>Interface names are at most 15 characters: a letter plus the id's tail.</summary>
    public static string LinkName(string prefix, string awsId) => prefix + awsId[Math.Max(awsId.IndexOf('-', StringComparison.Ordinal) + 1, awsId.Length - 12)..];
}
