namespace VpceProbe.Lab.DataPlane;

/// <summary>A command or system call the lab needs failed (ip, nft, dnsmasq, setns): infrastructure error, exit 3.</summary>
internal sealed class LabCommandException : Exception
{
    public LabCommandException(string message)
        : base(message)
    {
    }

    public LabCommandException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
