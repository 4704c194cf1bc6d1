using System.Runtime.InteropServices;
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

try
{
    var app = new AgentApp(TimeProvider.System, HostFactsReader.Read, Environment.GetEnvironmentVariable);
    return await app.RunAsync(args, Console.In, Console.Out, Console.Error, interrupt.Token).ConfigureAwait(false);
}
catch (Exception e)
{
    // Last resort only: probes report their own failures, so reaching here is a defect in the agent itself.
    await Console.Error.WriteLineAsync($"{AgentApp.Name}: internal error: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
    return ExitCodes.Infrastructure;
}
