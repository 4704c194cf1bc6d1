using System.Runtime.InteropServices;
using System.Text;
using VpceProbe.Agent;
using VpceProbe.Agent.Host;
using VpceProbe.Contract;

// The first Ctrl-C or SIGTERM (SSM's cancel-command) cancels the run and the agent still prints the partial
// report; a second one ends the process at once, for an agent stuck where no token reaches (a blocked stdin read).
using var interrupt = new CancellationTokenSource();
void Cancel(PosixSignalContext signal)
{
    signal.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

// Started by the harness's local transport: end with it, even when it was killed with SIGKILL.
using var parentWatch = ParentWatch.Start(Environment.GetEnvironmentVariable(AgentVariables.ParentPid), () =>
{
    Console.Error.WriteLine($"{AgentApp.Name}: the harness that started this agent is gone; exiting");
    Environment.Exit(ExitCodes.Infrastructure);
}, TimeProvider.System);

// A plan on standard input that is not UTF-8 is refused, not read with U+FFFD in place of the bad bytes.
using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false, throwOnInvalidBytes: true));

try
{
    var app = new AgentApp(TimeProvider.System, HostFactsReader.Read, Environment.GetEnvironmentVariable);
    return await app.RunAsync(args, stdin, Console.Out, Console.Error, interrupt.Token).ConfigureAwait(false);
}
catch (Exception e)
{
    // Last resort only: probes report their own failures, so reaching here is a defect in the agent itself.
    await Console.Error.WriteLineAsync($"{AgentApp.Name}: internal error: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
    return ExitCodes.Infrastructure;
}
