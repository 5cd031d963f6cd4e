#!/usr/bin/env node
// The `elc` CLI (`npm run elc -- <command>`). Reads the same ELC_* variables as the gateway.
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { keyCommand } from './key.js';
import { CliUsageError, tokenCommand } from './token.js';
import { registerVerifyCommands } from './verify-commands.js';

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

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof CliUsageError) {
    console.error(`elc: ${e.message}`);
    process.exit(2);
  }
  console.error(`elc: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
