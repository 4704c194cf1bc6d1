using System.Diagnostics;
using System.Globalization;

namespace VpceProbe.Harness.Journal;

/// <summary>
/// Test hook for crash recovery: with VPCEPROBE_CRASH_AFTER=N the harness kills itself (SIGKILL, no
/// cleanup, no rollback) right after the Nth change is journaled as done. Tests use it to prove that
/// `vpceprobe rollback RUN` restores the VPC from the journal alone, from every change point.
/// </summary>
internal sealed class CrashHook
{
    public const string Variable = "VPCEPROBE_CRASH_AFTER";

    private readonly int? _after;
    private int _done;

    public CrashHook(string? value) =>
        _after = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    public static CrashHook FromEnvironment() => new(Environment.GetEnvironmentVariable(Variable));

    /// <summary>True when this call is the one to crash after (separated from the kill so it can be tested).</summary>
    public bool Count() => _after is not null && Interlocked.Increment(ref _done) == _after;

    public void AfterChangeDone()
    {
        if (Count())
        {
            Console.Error.WriteLine($"{Variable}={_after}: killing the harness after change {_after}, as asked");
            Process.GetCurrentProcess().Kill();
        }
    }
}
