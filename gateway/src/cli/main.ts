#!/usr/bin/env node
// The `elc` CLI (`npm run elc -- <command>`). Reads the same ELC_* variables as the gateway. The
// operator commands (token, key, demo) are here; verify, verify-receipts and audit are @elc/cli's.
import { defineCommand, emitResult, registerVerifyCommands, runProgram } from '@elc/cli';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { demoCommand } from './demo.js';
import { keyCommand } from './key.js';
import { tokenCommand } from './token.js';

const program = new Command();
program.name('elc').description('ELC Ledger command line (uses the ELC_* environment, data in ELC_DATA_DIR)');

program
  .command('token')
  .description('print a dev JWT the local gateway accepts')
  .requiredOption('--role <role>', 'vendor | bureau | arbitration | regulator')
  .requiredOption('--org <org>', 'organisation id (e.g. a USCC)')
  .requiredOption('--region <code>', 'GB/T 2260 six-digit region code')
  .option('--ttl <seconds>', 'lifetime in seconds', '43200')
  .action(async (opts: { role: string; org: string; region: string; ttl: string }) => {
    process.stdout.write((await tokenCommand(loadConfig(process.env), opts)) + '\n');
  });

program
  .command('key')
  .description("print the log's verifier key (C2SP vkey)")
  .action(async () => {
    process.stdout.write((await keyCommand(loadConfig(process.env))) + '\n');
  });

registerVerifyCommands(program);

defineCommand(program, 'demo', 'submit a realistic set of synthetic contracts to a running gateway, fetch one bundle, verify it')
  .option('--url <gateway>', 'gateway base URL', 'http://127.0.0.1:8080')
  .option('--out <file>', 'where to write the bundle', 'demo-bundle.json')
  .option('--contracts <n>', 'how many contracts', '6')
  .action(async (opts: { url: string; out: string; contracts: string }) => {
    emitResult(await demoCommand(opts));
  });

runProgram(program, process.argv, (e) => e instanceof ConfigError);
