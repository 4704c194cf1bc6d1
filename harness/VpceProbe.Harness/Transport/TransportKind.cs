namespace VpceProbe.Harness.Transport;

/// <summary>How the agent reaches the targets: one vocabulary for --transport, preflight and the report.</summary>
internal enum TransportKind
{
    /// <summary>AWS-RunShellScript through SSM (real AWS, the lab, LocalStack).</summary>
    Ssm,

    /// <summary>A child process on this machine (emulators and tests).</summary>
    Local,
}

/// <summary>The spelling of a <see cref="TransportKind"/> on the command line and in report.json ("ssm", "local").</summary>
internal static class TransportKinds
{
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<TransportKind>().Select(Name)];

    public static string Name(this TransportKind kind) => kind switch
    {
        TransportKind.Ssm => "ssm",
        TransportKind.Local => "local",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown transport kind"),
    };

    /// <summary>The kind a spelling names, or null when it names none.</summary>
    public static TransportKind? Parse(string? name) =>
        Enum.GetValues<TransportKind>().Cast<TransportKind?>().FirstOrDefault(k => string.Equals(k!.Value.Name(), name, StringComparison.Ordinal));
}
