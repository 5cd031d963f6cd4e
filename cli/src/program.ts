// The commander plumbing shared by the verifier's own program (main.ts) and the gateway's `elc`,
// which adds its operator commands. Every command returns a CommandResult and exits 0 when all
// checks hold, 1 when one failed (its code on stderr), 2 for usage.
import type { Command, CommanderError } from 'commander';
import { EXIT_FAILED, EXIT_USAGE } from './report.js';

/** What a command prints and how it exits. */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A bad argument or option: exit 2 with its message. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** Commander's own usage errors (a missing required option, an unknown one) exit 2, like ours. */
function usageExit(err: CommanderError): never {
  process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
}

/** A subcommand whose usage errors exit 2 (usageExit). */
export function defineCommand(program: Command, name: string, description: string): Command {
  return program.command(name).description(description).exitOverride(usageExit);
}

/** Prints a command's result and sets the exit code. */
export function emitResult(r: CommandResult): void {
  process.stdout.write(r.stdout);
  if (r.stderr !== '') process.stderr.write(r.stderr);
  process.exitCode = r.exitCode;
}

/**
 * Parses argv and runs the command. CliUsageError, and whatever `isUsage` also counts as usage
 * (the gateway's configuration errors), exit 2; any other failure exits 1 with its message.
 */
export function runProgram(program: Command, argv: readonly string[], isUsage: (e: unknown) => boolean = () => false): void {
  program.parseAsync([...argv]).catch((e: unknown) => {
    console.error(`elc: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(e instanceof CliUsageError || isUsage(e) ? EXIT_USAGE : EXIT_FAILED);
  });
}
