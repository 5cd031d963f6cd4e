// How Fabric loads this chaincode: fabric-chaincode-node's bootstrap requires package.json
// "main" (an ES module, through Node's require(esm)), takes `contracts`, and generates the
// contract metadata by introspection. The metadata snapshot makes a changed transaction
// signature (name, parameters, return type, submit/evaluate) a visible diff.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContractHarness, ok } from './support/harness.js';
import { ids } from './support/identities.js';

const CHAINCODE_DIR = fileURLToPath(new URL('..', import.meta.url));
const requireFromShim = createRequire(createRequire(import.meta.url).resolve('fabric-shim'));

interface BootstrapClass {
  getInfoFromContract(modulePath: string): { contracts: { name: string }[]; title: string; version: string };
  getMetadata(modulePath: string): Promise<object>;
}

describe('packaging', () => {
  it("fabric-chaincode-node's bootstrap loads the ESM entry point and finds the contract", async () => {
    const Bootstrap = requireFromShim('./lib/contract-spi/bootstrap.js') as BootstrapClass;
    const info = Bootstrap.getInfoFromContract(CHAINCODE_DIR);
    expect(info.title).toBe('@elc/chaincode');
    expect(info.contracts.map((c) => c.name)).toEqual(['ElcContract']);
    expect(await Bootstrap.getMetadata(CHAINCODE_DIR)).toEqual({});
  });

  it('the generated contract metadata matches the snapshot', async () => {
    const h = new ContractHarness();
    await expect(JSON.stringify(h.router.metadata, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/contract-metadata.json');
  });

  it('the system contract serves the same metadata to clients', async () => {
    const h = new ContractHarness();
    const served = ok(await h.evaluate(ids.regulator, 'org.hyperledger.fabric:GetMetadata'));
    expect(served).toEqual(JSON.parse(JSON.stringify(h.router.metadata)));
  });

  it('`fabric-chaincode-node server` starts the chaincode as a service on CHAINCODE_SERVER_ADDRESS', async () => {
    const cli = requireFromShim.resolve('./cli.js');
    const child = spawn(process.execPath, [cli, 'server', '--chaincode-address', '127.0.0.1:0', '--chaincode-id', 'elc_1.0:0123abcd'], {
      cwd: CHAINCODE_DIR,
      env: { ...process.env, CORE_CHAINCODE_LOGGING_LEVEL: 'INFO' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const startedOrExited = new Promise<boolean>((resolve) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes('Bootstrap process completed')) resolve(true);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', () => resolve(false));
    });
    let started: boolean;
    try {
      started = await startedOrExited;
    } finally {
      child.kill('SIGTERM');
    }
    expect(started, output).toBe(true);
    expect(output).not.toMatch(/ERR_REQUIRE_ESM|Error:/);
  });
});
