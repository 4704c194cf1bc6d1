using System.Buffers;
using System.Globalization;
using System.Text;

namespace VpceProbe.Contract;

/// <summary>Where the bytes of a plan or scenario stop being acceptable text, and why.</summary>
public sealed record TextProblem(int Line, int Column, string Message);

/// <summary>
/// Turns the bytes of a plan or scenario into text, refusing what a lenient decoder would hide: a file over
/// <see cref="InputLimits.MaxBytes"/>, bytes that are not UTF-8 (a Latin-1 'é' would otherwise become U+FFFD
/// and the run would go ahead with a name nobody wrote), and control characters other than tab and newlines
/// (a NUL or an escape sequence is never meant). A leading byte order mark is accepted and dropped.
/// </summary>
public static class InputText
{
    /// <summary>Readers stop one byte past the limit, so the size itself is not known: only that it is too large.</summary>
    public static readonly string TooLarge = string.Create(CultureInfo.InvariantCulture, $"is larger than the limit of {InputLimits.MaxBytes} bytes (1 MB)");

    public static TextProblem? Decode(ReadOnlySpan<byte> bytes, out string text)
    {
        text = "";
        if (bytes.Length > InputLimits.MaxBytes)
        {
            return new(0, 0, TooLarge);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var builder = new StringBuilder(bytes.Length);
        int line = 1, column = 1;
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var used) != OperationStatus.Done)
            {
                return new(line, column, string.Create(CultureInfo.InvariantCulture,
                    $"byte 0x{bytes[0]:X2} is not UTF-8; save the file as UTF-8"));
            }

            if (Rune.IsControl(rune) && rune.Value is not ('\t' or '\n' or '\r'))
            {
                return new(line, column, $"contains the control character U+{rune.Value:X4}; remove it");
            }

            if (rune.Value == 0xFEFF)
            {
                return new(line, column, "contains a byte order mark (U+FEFF) after the start of the file; remove it");
            }

            builder.Append(rune.ToString());
            (line, column) = rune.Value == '\n' ? (line + 1, 1) : (line, column + 1);
            bytes = bytes[used..];
        }

        text = builder.ToString();
        return null;
    }
}
