// Placeholder entry point while the agent is being built (issue 2); replaced by the real CLI.
return VpceProbe.Contract.ExitCodes.Infrastructure;
