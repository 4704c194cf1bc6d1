using System.Globalization;
using System.Text;

namespace VpceProbe.Lab.Ssm;

/// <summary>ListCommandInvocations' NextToken: opaque to callers as AWS's are (base64 of the next offset).</summary>
internal static class ListToken
{
    private const string Prefix = "lab-offset:";

    public static string Write(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    public static bool TryRead(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
