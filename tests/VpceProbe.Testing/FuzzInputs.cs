using System.Text;
using CsCheck;

namespace VpceProbe.Testing;

/// <summary>
/// Inputs for bounded fuzzing of the readers: a valid document with a few random edits (bytes inserted,
/// replaced or deleted), drawn from the characters that matter to JSON and YAML plus bytes that are not
/// UTF-8. Each run is bounded by time (seconds, not minutes) so CI stays fast; a failure prints its seed,
/// and every input that crashed a reader is kept as a case of the corpus.
/// </summary>
public static class FuzzInputs
{
    /// <summary>How long each fuzz test runs in CI.</summary>
    public const int Seconds = 3;

    private static readonly byte[] Alphabet =
        [.. Encoding.UTF8.GetBytes("{}[]:,-&*!|>'\"#\t\n \\0aZ9.%@`?~"), 0x00, 0x1B, 0x7F, 0xC3, 0xA9, 0xE2, 0xFF, 0xEF, 0xBB, 0xBF];

    /// <summary>A failing input as text, to paste into the corpus (bytes that are not UTF-8 show as U+FFFD).</summary>
    public static string Show(byte[] input) => Encoding.UTF8.GetString(input);

    public static Gen<byte[]> Mutations(string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        var edit = Gen.Select(Gen.Int[0, bytes.Length], Gen.Int[0, 3], Gen.OneOf(Alphabet), Gen.Int[1, 40]);
        return edit.Array[1, 8].Select(edits =>
        {
            var result = new List<byte>(bytes);
            foreach (var (position, kind, value, count) in edits)
            {
                var at = Math.Min(position, result.Count);
                switch (kind)
                {
                    case 0:
                        result.Insert(at, value);
                        break;
                    case 1 when at < result.Count:
                        result[at] = value;
                        break;
                    case 2:
                        result.RemoveRange(at, Math.Min(count, result.Count - at));
                        break;
                    default:
                        // Repeat a run of the text: deep nesting and long lists come from here.
                        var run = result.Skip(at).Take(count).ToArray();
                        result.InsertRange(at, Enumerable.Repeat(run, count).SelectMany(r => r));
                        break;
                }
            }

            return result.ToArray();
        });
    }
}
