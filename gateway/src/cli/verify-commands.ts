// Registers `elc verify`, `elc verify-receipts`, `elc audit` and `elc demo` on the CLI's commander program (cli/main.ts
// calls this). Each command prints its report on stdout and sets the exit code: 0 all checks hold,
// 1 a check failed (its code on stderr), 2 usage (CliUsageError, mapped in main.ts).
import type { Command, CommanderError } from 'commander';
import { auditCommand } from './audit.js';
import { demoCommand } from './demo.js';
import { EXIT_USAGE } from './report.js';
import type { CommandResult } from './verify.js';
import { verifyCommand } from './verify.js';
import { verifyReceiptsCommand } from './verify-receipts.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

// Options that several commands take, each defined once: [flags, description, default?].
const LOG_KEY = ['--log-key <vkey|file>', 'the log verifier key, pinned out of band (repeatable)'] as const;
const HASH = ['--hash <alg>', "the log's hash algorithm: sha256 or sm3", 'sha256'] as const;
const JSON_REPORT = ['--json', 'machine-readable report'] as const;

/** Commander's own usage errors (a missing required option, an unknown one) exit 2, like ours. */
function usageExit(err: CommanderError): never {
  process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
}

/** A subcommand whose usage errors exit 2 (usageExit). */
function command(program: Command, name: string, description: string): Command {
  return program.command(name).description(description).exitOverride(usageExit);
}

function emit(r: CommandResult): void {
  process.stdout.write(r.stdout);
  if (r.stderr !== '') process.stderr.write(r.stderr);
  process.exitCode = r.exitCode;
}

export function registerVerifyCommands(program: Command): void {
  command(program, 'verify', 'verify an evidence bundle offline (core only): exit 0 valid, 1 a check failed, 2 usage')
    .argument('<bundle>', 'the evidence bundle JSON file')
    .requiredOption(...LOG_KEY, collect)
    .option('--tsa-cert <pem>', 'PEM file of the trusted TSA root certificate(s) (repeatable)', collect)
    .option(...JSON_REPORT)
    .action(async (bundle: string, opts: { logKey: string[]; tsaCert?: string[]; json?: boolean }) => {
      emit(await verifyCommand(bundle, opts));
    });

  command(program, 'verify-receipts', 'verify the receipts of POST /v1/events offline with the log key: exit 0 valid, 1 a receipt failed, 2 usage')
    .argument('<file>', 'the response body {"receipts": [...]}, an array of receipts, or one receipt (JSON)')
    .requiredOption(...LOG_KEY, collect)
    .option(...HASH)
    .option(...JSON_REPORT)
    .action(async (file: string, opts: { logKey: string[]; hash: string; json?: boolean }) => {
      emit(await verifyReceiptsCommand(file, opts));
    });

  command(program, 'audit', "audit a gateway's log: signatures, tiles, anchors, consistency; reports forks, rollbacks and gaps")
    .requiredOption('--url <gateway>', 'gateway base URL, e.g. http://127.0.0.1:8080')
    .requiredOption(...LOG_KEY, collect)
    .option('--anchors-url <url>', 'read the anchors from this gateway instead (e.g. your own node on the same channel)')
    .option('--token <jwt>', 'a JWT of any role (default: $ELC_TOKEN); anchors and proofs need one')
    .option(...HASH)
    .option(...JSON_REPORT)
    .action(async (opts: { url: string; anchorsUrl?: string; logKey: string[]; token?: string; hash: string; json?: boolean }) => {
      const token = opts.token ?? process.env['ELC_TOKEN'];
      emit(await auditCommand({ ...opts, ...(token === undefined ? {} : { token }) }));
    });

  command(program, 'demo', 'submit a realistic set of synthetic contracts to a running gateway, fetch one bundle, verify it')
    .option('--url <gateway>', 'gateway base URL', 'http://127.0.0.1:8080')
    .option('--out <file>', 'where to write the bundle', 'demo-bundle.json')
    .option('--contracts <n>', 'how many contracts', '6')
    .action(async (opts: { url: string; out: string; contracts: string }) => {
      emit(await demoCommand(opts));
    });
}
