// The built gateway (gateway/dist/main.js) as a child process on 127.0.0.1, for tests that kill
// it. The port is chosen by the OS (ELC_PORT=0) and read from the gateway's "listening" log line.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { importJWK, SignJWT, type JWK } from 'jose';
import { repoRoot } from '../../support/paths.js';

export const gatewayMain = join(repoRoot, 'gateway', 'dist', 'main.js');
const START_TIMEOUT_MS = 20_000;

export interface ChildGateway {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startChildGateway(dataDir: string, env: Record<string, string> = {}): Promise<ChildGateway> {
  if (!existsSync(gatewayMain)) throw new Error(`${gatewayMain} is missing: run npm run build first`);
  const child = spawn(process.execPath, [gatewayMain], {
    cwd: repoRoot,
    env: { ...process.env, ELC_PORT: '0', ELC_HOST: '127.0.0.1', ELC_DATA_DIR: dataDir, ELC_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start in time: ${stderr}`)), START_TIMEOUT_MS);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited early (${code ?? signal ?? '?'}): ${stderr}`));
    });
    lines.on('line', (line) => {
      try {
        const rec = JSON.parse(line) as { msg?: string; port?: number };
        if (rec.msg === 'gateway listening' && typeof rec.port === 'number') {
          clearTimeout(timer);
          resolve(rec.port);
        }
      } catch {
        // not a log line
      }
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, exited };
}

/** A token from the dev issuer key the gateway created in its data dir. */
export async function devToken(dataDir: string, claims: { org: string; role: string; region: string }): Promise<string> {
  const jwk = JSON.parse(await readFile(join(dataDir, 'auth', 'dev-issuer.key.json'), 'utf8')) as JWK;
  const key = await importJWK(jwk, 'EdDSA');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid ?? 'dev-issuer' })
    .setIssuer(process.env['ELC_JWT_ISSUER'] ?? 'elc-ledger')
    .setAudience(process.env['ELC_JWT_AUDIENCE'] ?? 'elc-ledger-api')
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(key);
}
