using System.Globalization;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Host;

/// <summary>
/// Ends the agent when the harness that started it with the local transport is gone (killed with SIGKILL, so
/// it could not end its children). The harness names itself in <see cref="AgentVariables.ParentPid"/>; the agent polls its own
/// parent id from /proc and exits once it differs (re-parented to init or a subreaper). Polling rather than
/// prctl(PR_SET_PDEATHSIG): that signal fires when the parent's forking *thread* ends, and .NET starts
/// processes from pool threads that retire while the agent is still running.
/// </summary>
internal sealed class ParentWatch : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly ITimer _timer;

    private ParentWatch(int parent, Action parentGone, TimeProvider time) =>
        _timer = time.CreateTimer(_ => Check(parent, parentGone), null, TimeSpan.Zero, Interval);

    /// <summary>Null when the variable is unset (started by SSM or by hand): then there is no parent to watch.</summary>
    public static ParentWatch? Start(string? variable, Action parentGone, TimeProvider time) =>
        int.TryParse(variable, NumberStyles.None, CultureInfo.InvariantCulture, out var parent) && parent > 1
            ? new ParentWatch(parent, parentGone, time)
            : null;

    /// <summary>The fourth field of /proc/self/stat, after the command name in parentheses (which may contain spaces).</summary>
    public static int? ParentId(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    public void Dispose() => _timer.Dispose();

    private static void Check(int parent, Action parentGone)
    {
        string stat;
        try
        {
            stat = File.ReadAllText("/proc/self/stat");
        }
        catch (IOException)
        {
            return;
        }

        if (ParentId(stat) is { } current && current != parent)
        {
            parentGone();
        }
    }
}
