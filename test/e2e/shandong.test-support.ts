// An in-process gateway with the Shandong feature mounted, on loopback: the real log engine, the
// real embedded ledger, LevelDB stores and JWT auth, composed as createGateway will once the
// feature is mounted there. Each test starts its own in a temporary data dir.
import { mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import express from 'express';
import pino from 'pino';
import type { JWK } from 'jose';
import { ensureDevIssuer, issueToken } from '../../gateway/src/auth/dev-issuer.js';
import { loadKeyRegistry } from '../../gateway/src/auth/key-registry.js';
import type { Role } from '@elc/core';
import { createTokenVerifier } from '../../gateway/src/auth/token-verifier.js';
import { createShandongFeature } from '../../gateway/src/features/shandong/routes.js';
import { authenticate } from '../../gateway/src/http/auth.js';
import { errorMiddleware, notFoundHandler } from '../../gateway/src/http/error-mapper.js';
import { openEmbeddedLedger, type EmbeddedLedger, type LedgerPort } from '../../gateway/src/ledger/index.js';
import { LIFECYCLE_JOURNAL_DIR, type LifecycleJournal } from '../../gateway/src/lifecycle/journal.js';
import { openLevelJournal } from '../../gateway/src/lifecycle/level-journal.js';
import { createLifecycleSaga, type LifecycleSaga } from '../../gateway/src/lifecycle/saga.js';
import { openLogService, type LogService } from '../../gateway/src/log/index.js';
import { openShandong, type OpenShandongOptions, type Shandong } from '../../gateway/src/shandong/open.js';

const ISSUER = 'elc-ledger';
const AUDIENCE = 'elc-ledger-api';

export interface SdGateway {
  readonly url: string;
  readonly dataDir: string;
  readonly log: LogService;
  readonly ledger: EmbeddedLedger;
  readonly sd: Shandong;
  /** every log line the gateway wrote (JSON text), to grep for personal data */
  readonly logLines: string[];
  token(role: Role, org: string, region: string): Promise<string>;
  close(): Promise<void>;
}

/** The Shandong interface on the lifecycle saga, as compose/ opens them, with the saga's journal in dataDir. */
export interface SdStack {
  readonly sd: Shandong;
  readonly saga: LifecycleSaga;
  readonly journal: LifecycleJournal;
  close(): Promise<void>;
}

export async function openSdStack(
  o: Omit<OpenShandongOptions, 'saga'> & { readonly log: LogService; readonly ledger: LedgerPort },
): Promise<SdStack> {
  const journal = await openLevelJournal(join(o.dataDir, LIFECYCLE_JOURNAL_DIR));
  const saga = createLifecycleSaga({ log: o.log, ledger: o.ledger, journal });
  const sd = await openShandong({ ...o, saga });
  await saga.recover();
  return {
    sd,
    saga,
    journal,
    async close() {
      await sd.close();
      await journal.close();
    },
  };
}

export type SdGatewayOptions = Partial<Omit<OpenShandongOptions, 'dataDir' | 'log' | 'ledger' | 'saga'>> & {
  readonly dataDir?: string;
  readonly region?: string;
  readonly port?: number;
  /**
   * TEST-ONLY FAULT HOOK: 'refuse' answers 503 without running the request; 'lose-answer' runs it
   * and then answers 503 instead of its real answer (the client cannot tell it was applied).
   */
  readonly fault?: (req: express.Request) => 'refuse' | 'lose-answer' | undefined;
  /** wraps the ledger the feature uses (tests that make it fail) */
  readonly wrapLedger?: (ledger: LedgerPort) => LedgerPort;
};

export async function startSdGateway(o: SdGatewayOptions = {}): Promise<SdGateway> {
  const dataDir = o.dataDir ?? (await mkdtemp(join(tmpdir(), 'elc-sd-')));
  const jwksPath = join(dataDir, 'auth', 'jwks.json');
  const priv: JWK = await ensureDevIssuer(dataDir, jwksPath);
  const registry = await loadKeyRegistry(jwksPath);
  const verify = createTokenVerifier({ registry, issuer: ISSUER, audience: AUDIENCE });
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void logLines.push(s) });
  const log = await openLogService({ dataDir, origin: 'elc.example/log/sd-test', hashAlg: 'sha256', limits: { batchMaxAgeMs: 5, checkpointIntervalMs: 50 } });
  const ledger = await openEmbeddedLedger({ dataDir, region: o.region ?? '370000' });
  const { fault: _fault, region: _region, port: _port, dataDir: _dataDir, wrapLedger, ...sdOptions } = o;
  const stack = await openSdStack({ dataDir, log, ledger: wrapLedger === undefined ? ledger : wrapLedger(ledger), backoffMinMs: 20, backoffMaxMs: 200, ...sdOptions });
  const sd = stack.sd;
  const app = express();
  app.use((req, res, next) => {
    logger.info({ method: req.method, path: req.path }, 'request');
    res.on('finish', () => logger.info({ status: res.statusCode, path: req.path }, 'response'));
    next();
  });
  if (o.fault !== undefined) {
    const fault = o.fault;
    app.use((req, res, next) => {
      const f = fault(req);
      const body = { error: { code: 'NOT_READY', message: `test-only fault hook: ${f ?? ''}` } };
      if (f === 'refuse') {
        res.status(503).json(body);
        return;
      }
      if (f === 'lose-answer') {
        const json = res.json.bind(res);
        res.json = () => {
          res.status(503);
          return json(body);
        };
      }
      next();
    });
  }
  app.use('/v1', authenticate(verify));
  const feature = createShandongFeature({ service: sd.service, reads: sd.reads, status: () => sd.status(), bodyLimitBytes: 4 * 1024 * 1024 });
  if (feature.routes !== undefined) app.use(feature.routes);
  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));
  const server: Server = app.listen(o.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    log,
    ledger,
    sd,
    logLines,
    token: (role, org, region) => issueToken(priv, { role, org, region }, { issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 3600 }),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await stack.close();
      await log.close();
      await ledger.close();
    },
  };
}

/** The answers of the Shandong routes, loosely: each test reads the part it asserts. */
export interface SdBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly field?: string;
    readonly errors: readonly { readonly index: number | null; readonly field: string | null; readonly code: string; readonly message: { readonly zh: string; readonly en: string } }[];
  };
  readonly accepted: number;
  readonly duplicates: number;
  readonly items: readonly { readonly index: number; readonly id: string; readonly contractNo?: string; readonly logIndex: number; readonly txId: string; readonly duplicate: boolean }[];
  readonly records: readonly { readonly seq: number; readonly kind: string; readonly uscc: string; readonly region: string; readonly record: Record<string, unknown> }[];
  readonly next: number | null;
  readonly [key: string]: unknown;
}

export async function post(g: { url: string }, path: string, token: string, body: unknown): Promise<{ status: number; body: SdBody }> {
  const res = await fetch(g.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as SdBody };
}

export async function get(g: { url: string }, path: string, token: string, headers: Record<string, string> = {}): Promise<{ status: number; body: SdBody }> {
  const res = await fetch(g.url + path, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: res.status, body: (await res.json()) as SdBody };
}

// Synthetic people: the ID numbers carry valid GB 11643 check digits; the phones are mobile numbers.
export const UNIT = '91350100M000100Y43';
export const OTHER_UNIT = '91370100MA3C00000E';

export function unitBody(uscc = UNIT): Record<string, string> {
  return { uscc, unitName: '济南测试科技有限公司', legalRepIdType: '01', legalRepIdNumber: '11010519491231002X', legalRepName: '李法人', addAgent: '0' };
}

export function contract(no: string, worker: { name: string; id: string; phone: string }, start = '20240101'): Record<string, string> {
  return {
    contractNo: no,
    contractName: '劳动合同',
    workerIdType: '01',
    workerName: worker.name,
    workerIdNumber: worker.id,
    workerPhone: worker.phone,
    termType: '1',
    startDate: start,
    endDate: '20261231',
    workerCategory: '01',
    contractCategory: '1',
  };
}
