namespace VpceProbe.Contract;

/// <summary>
/// Reads named fields from a plan's JSON or a scenario's YAML, each reporting its own type errors, so a probe
/// is read by one piece of code whichever format it is written in (<see cref="ProbeSpec.ReadFrom"/>).
/// </summary>
public interface IFieldReader
{
    string? String(string key);

    int? Int(string key);
}
