// The shim's log level holds whatever a process loads first: a child process on the build
// (ledger-sim/dist) loads @elc/ledger-sim (which loads the contract itself), fabric-shim or
// @elc/chaincode first, then the runtime, prints a marker, and runs a refused transaction
// (fabric-shim logs those at error level).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const CERTS = fileURLToPath(new URL('../../chaincode/test/fixtures/certs/', import.meta.url));
const LOADED = '--- loaded';

const CHILD = `
import { readFileSync } from 'node:fs';
const [first, certs] = process.argv.slice(1);
await import(first);
const { buildProposal, createChaincodeRuntime } = await import('@elc/ledger-sim/runtime');
const { contracts } = await import('@elc/chaincode');
console.log('${LOADED}');
const identity = { mspId: 'BureauMSP', certPem: readFileSync(certs + 'bureau-sd.pem', 'utf8'), keyPem: readFileSync(certs + 'bureau-sd.key', 'utf8') };
const runtime = createChaincodeRuntime({ contracts, chaincodeName: 'elc' });
const world = { get: async () => undefined, range: async () => [], history: async () => [] };
// the org registry is empty: LEDGER_NOT_BOOTSTRAPPED
const proposal = buildProposal({ identity, channelId: 'elc', chaincodeName: 'elc', args: ['GetLog', 'x'], time: new Date() });
console.log('status', (await runtime.execute(proposal, 'elc', world)).status);
`;

/** The child's stdout and stderr, split at the marker. */
function run(first: string, level?: string): Promise<{ load: string; after: string }> {
  const env = { ...process.env };
  delete env['CORE_CHAINCODE_LOGGING_LEVEL'];
  if (level !== undefined) env['CORE_CHAINCODE_LOGGING_LEVEL'] = level;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, first, CERTS], { cwd: PACKAGE_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const at = out.indexOf(LOADED);
      if (code !== 0 || at < 0) reject(new Error(`child exited ${code}: ${out}`));
      else resolve({ load: out.slice(0, at), after: out.slice(at + LOADED.length) });
    });
  });
}

const SHIM_LOG = '[c-api:';

describe('the shim log level', () => {
  it('keeps the shim and fabric-contract-api quiet when ledger-sim loads first', async () => {
    const { load, after } = await run('@elc/ledger-sim');
    expect(after).toContain('status 500');
    expect(load + after).not.toContain(SHIM_LOG);
  });

  it.each(['fabric-shim', '@elc/chaincode'])('keeps transactions quiet when %s was loaded before ledger-sim', async (first) => {
    const { after } = await run(first);
    expect(after).toContain('status 500');
    expect(after).not.toContain(SHIM_LOG);
  });

  it('leaves the level to the operator who sets CORE_CHAINCODE_LOGGING_LEVEL', async () => {
    const { after } = await run('fabric-shim', 'INFO');
    expect(after).toContain(SHIM_LOG);
    expect(after).toContain('LEDGER_NOT_BOOTSTRAPPED');
  });
});
