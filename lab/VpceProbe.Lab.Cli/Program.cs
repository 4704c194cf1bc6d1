using VpceProbe.Harness.Cli;
using VpceProbe.Lab.Cli;

// vpceprobe-lab: parse, run. `vpceprobe lab ARGS` runs `vpceprobe-lab ARGS`, `vpceprobe demo ARGS` runs `vpceprobe-lab demo ARGS`.
// `demo` rolls its run back and takes the lab down after Ctrl-C: give it the time `vpceprobe` gives `run`.
var invocation = new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(15) };
return await HarnessCli.InvokeAsync(LabCommand.BuildRoot(), args, invocation).ConfigureAwait(false);
