// Registers `elc verify`, `elc verify-receipts` and `elc audit` on a commander program: the
// verifier's own (main.ts) or the gateway's `elc`. Each command prints its report on stdout and
// sets the exit code: 0 all checks hold, 1 a check failed (its code on stderr), 2 usage.
import type { Command } from 'commander';
import { auditCommand } from './audit.js';
import { defineCommand, emitResult } from './program.js';
import { verifyCommand } from './verify.js';
import { verifyReceiptsCommand } from './verify-receipts.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

// Options that several commands take, each defined once: [flags, description, default?].
const LOG_KEY = ['--log-key <vkey|file>', 'the log verifier key, pinned out of band (repeatable)'] as const;
const HASH = ['--hash <alg>', "the log's hash algorithm: sha256 or sm3", 'sha256'] as const;
const JSON_REPORT = ['--json', 'machine-readable report'] as const;

export function registerVerifyCommands(program: Command): void {
  defineCommand(program, 'verify', 'verify an evidence bundle offline (core only): exit 0 valid, 1 a check failed, 2 usage')
    .argument('<bundle>', 'the evidence bundle JSON file')
    .requiredOption(...LOG_KEY, collect)
    .option('--tsa-cert <pem>', 'PEM file of the trusted TSA root certificate(s) (repeatable)', collect)
    .option(...JSON_REPORT)
    .action(async (bundle: string, opts: { logKey: string[]; tsaCert?: string[]; json?: boolean }) => {
      emitResult(await verifyCommand(bundle, opts));
    });

  defineCommand(program, 'verify-receipts', 'verify the receipts of POST /v1/events offline with the log key: exit 0 valid, 1 a receipt failed, 2 usage')
    .argument('<file>', 'the response body {"receipts": [...]}, an array of receipts, or one receipt (JSON)')
    .requiredOption(...LOG_KEY, collect)
    .option(...HASH)
    .option(...JSON_REPORT)
    .action(async (file: string, opts: { logKey: string[]; hash: string; json?: boolean }) => {
      emitResult(await verifyReceiptsCommand(file, opts));
    });

  defineCommand(program, 'audit', "audit a gateway's log: signatures, tiles, anchors, consistency; reports forks, rollbacks and gaps")
    .requiredOption('--url <gateway>', 'gateway base URL, e.g. http://127.0.0.1:8080')
    .requiredOption(...LOG_KEY, collect)
    .option('--anchors-url <url>', 'read the anchors from this gateway instead (e.g. your own node on the same channel)')
    .option('--token <jwt>', 'a JWT of any role (default: $ELC_TOKEN); anchors and proofs need one')
    .option(...HASH)
    .option(...JSON_REPORT)
    .action(async (opts: { url: string; anchorsUrl?: string; logKey: string[]; token?: string; hash: string; json?: boolean }) => {
      const token = opts.token ?? process.env['ELC_TOKEN'];
      emitResult(await auditCommand({ ...opts, ...(token === undefined ? {} : { token }) }));
    });
}
