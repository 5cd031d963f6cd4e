#!/usr/bin/env node
// `elc` for verifiers (`node cli/dist/main.js`, or the one file cli/dist/elc.mjs): verify a bundle
// or receipts offline, audit a gateway's log. No gateway code, no ELC_* configuration.
import { Command } from 'commander';
import { registerVerifyCommands } from './commands.js';
import { runProgram } from './program.js';

const program = new Command();
program.name('elc').description('ELC Ledger verifier: evidence bundles and receipts offline, audits of a log');
registerVerifyCommands(program);
runProgram(program, process.argv);
