using System.Text;
using System.Text.Json;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// The text of a topology file, refused where a lenient reader would guess: bytes that are not UTF-8 (a Latin-1 'é'
/// in a name would otherwise become U+FFFD and a lab would be made with a name nobody wrote), and JSON syntax errors
/// placed at their line and column counted from 1 (System.Text.Json counts both from 0).
/// </summary>
internal static class TopologyText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Null and the text, or where the bytes stop being UTF-8. A leading byte order mark is dropped.</summary>
    public static string? Decode(byte[] bytes, out string text)
    {
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            text = Strict.GetString(bytes, start, bytes.Length - start);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            text = "";
            var at = start + Math.Max(e.Index, 0);
            var before = bytes.AsSpan(0, Math.Min(at, bytes.Length));
            var line = before.Count((byte)'\n') + 1;
            var column = Strict.GetCharCount(before[(before.LastIndexOf((byte)'\n') + 1)..]) + 1;
            return $"{line}:{column}: byte 0x{bytes[Math.Min(at, bytes.Length - 1)]:X2} is not UTF-8; save the file as UTF-8";
        }
    }

    public static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut].TrimEnd() : message;
        return e.LineNumber is { } line
            ? $"{line + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON: {message}"
            : $"not valid JSON: {message}";
    }
}
