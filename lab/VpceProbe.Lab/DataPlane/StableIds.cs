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

    /// <summary>A policy-routing table number for a subnet, also its rule priority: below main's 32766, away from 253-255.</summary>
    public static int TableId(string subnetId) => 1000 + (int)(Hash(subnetId) % 30000);

    /// <summary>Interface names are at most 15 characters: a letter plus the id's tail.</summary>
    public static string LinkName(string prefix, string awsId) => prefix + awsId[Math.Max(awsId.IndexOf('-', StringComparison.Ordinal) + 1, awsId.Length - 12)..];
}
