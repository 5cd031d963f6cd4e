// @elc/cli — the verifier's commands for a commander program. The gateway's `elc` registers them
// beside its operator commands; main.ts is the verifier's own program.
export { registerVerifyCommands } from './commands.js';
export { CliUsageError, defineCommand, emitResult, runProgram, type CommandResult } from './program.js';
export { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './report.js';
export { verifyCommand, type VerifyOptions } from './verify.js';
