namespace VpceProbe.Testing;

/// <summary>
/// A corpus of malformed inputs: files in one directory and a manifest (expected.tsv) saying, for each, where
/// its first error must point and what it must say. Shared by the scenario and the plan corpora.
/// </summary>
public static class Corpus
{
    public const string ManifestName = "expected.tsv";

    public static IReadOnlyList<(string Name, string Place, string Says)> Manifest(string directory) =>
        [.. File.ReadAllLines(Path.Combine(directory, ManifestName))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(c => (c[0], c[1], c[2]))];

    /// <summary>The corpus files (matching <paramref name="pattern"/>) and the manifest's names, both sorted, to compare.</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Listed) Listing(string directory, string pattern) =>
        ([.. Directory.GetFiles(directory, pattern).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)],
         [.. Manifest(directory).Select(c => c.Name).Order(StringComparer.Ordinal)]);

    /// <summary>Random bytes from a fixed seed, starting with 0xFF (never UTF-8), so the first error is at 1:1.</summary>
    public static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0xFF;
        return bytes;
    }
}
