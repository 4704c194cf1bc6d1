namespace VpceProbe.Testing;

/// <summary>
/// The lab program (`vpceprobe-lab`) that a test project referencing it gets copied beside its own binaries:
/// how tests start the lab daemon (`vpceprobe-lab serve`) exactly as `lab up` does.
/// </summary>
public static class LabBinary
{
    public static IReadOnlyList<string> Command() => HarnessBinary.Beside("vpceprobe-lab");
}
