using System.Text;

namespace VpceProbe.Contract;

/// <summary>
/// Quotes a value from a hostile input for an error message: control characters escaped (a NUL or an escape
/// sequence must not reach the user's terminal) and long values cut, so one bad field gives one readable line.
/// </summary>
public static class Printable
{
    private const int MaxShown = 80;

    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = new StringBuilder("'");
        foreach (var c in value.Length > MaxShown ? value[..MaxShown] : value)
        {
            _ = char.IsControl(c) || char.IsSurrogate(c) || c == '\uFEFF' ? text.Append($"\\u{(int)c:X4}") : text.Append(c);
        }

        return text.Append(value.Length > MaxShown ? $"…' ({value.Length} characters)" : "'").ToString();
    }
}
