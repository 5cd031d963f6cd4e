// An in-process gateway on 127.0.0.1 and a random port, in a temp data dir, with helpers to mint
// tokens from its dev issuer key and to call it over real HTTP.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, type Gateway, type GatewayDeps } from '../../src/app.js';
import { ensureDevIssuer, issueToken } from '../../src/auth/dev-issuer.js';
import type { Role } from '@elc/core';
import { configFrom } from '../../src/config.js';
import { REGION } from './events.js';

/**
 * ELC_* settings for tests that wait for anchoring: batches written after 10 ms, a checkpoint
 * (and its anchor) every 50 ms, events validated on the main thread (no ingest workers).
 */
export const FAST_ANCHORING: Readonly<Record<string, string>> = {
  ELC_BATCH_MAX_AGE_MS: '10',
  ELC_CHECKPOINT_INTERVAL_MS: '50',
  ELC_INGEST_WORKERS: '0',
};

export interface TestGateway {
  readonly gw: Gateway;
  readonly url: string;
  readonly dataDir: string;
  token(role: Role, opts?: { org?: string; region?: string; ttlSeconds?: number }): Promise<string>;
  /** fetch relative to the gateway, with a bearer token when given. */
  call(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  postEvents(body: unknown, token: string, query?: string): Promise<Response>;
  /** The tree size as /readyz reports it. */
  treeSize(): Promise<number>;
  close(): Promise<void>;
}

export async function startTestGateway(env: Record<string, string> = {}, deps: GatewayDeps = {}): Promise<TestGateway> {
  const dataDir = await mkdtemp(join(tmpdir(), 'elc-gw-'));
  const config = configFrom({ ELC_PORT: '0', ELC_HOST: '127.0.0.1', ELC_DATA_DIR: dataDir, ELC_LOG_LEVEL: 'silent', ...env });
  const gw = await createGateway(config, deps);
  const port = await gw.start();
  const url = `http://127.0.0.1:${port}`;
  const devKey = await ensureDevIssuer(config.dataDir, config.jwksPath);
  const call: TestGateway['call'] = (path, init = {}) => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${url}${path}`, { ...rest, headers });
  };
  return {
    gw,
    url,
    dataDir,
    token: (role, opts = {}) =>
      issueToken(devKey, { role, org: opts.org ?? `${role}-org`, region: opts.region ?? REGION }, {
        issuer: config.jwtIssuer,
        audience: config.jwtAudience,
        ttlSeconds: opts.ttlSeconds ?? 600,
      }),
    call,
    postEvents: (body, token, query = '') =>
      call(`/v1/events${query}`, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    async treeSize() {
      const r = await call('/readyz');
      return ((await r.json()) as { treeSize: number }).treeSize;
    },
    async close() {
      await gw.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ErrorJson {
  error: { code: string; message: string; field?: string };
}

export async function errorOf(r: Response): Promise<ErrorJson['error'] & { status: number }> {
  const body = (await r.json()) as ErrorJson;
  return { status: r.status, ...body.error };
}
