// `elc audit --url <gateway> --log-key <vkey|file> --token <jwt> [--hash sha256|sm3] [--json]`:
// for a regulator. Reads the latest checkpoint, the tiles and every anchor, and checks with core
// only (the gateway's answers are never trusted): each checkpoint is signed by the pinned key,
// each anchored checkpoint is consistent with the next, the latest with the last anchored, and
// the latest root is what the tiles give. Any fork (two signed trees that cannot both be the
// log), rollback or gap fails with its code.
import { createLogHasher, fromBase64, isHashAlg, newVerifier, openCheckpoint, pureHashProvider, toBase64, verifyConsistency } from '@elc/core';
import type { Checkpoint } from '@elc/core';
import { TileGapError, rootFromTiles } from './audit-tiles.js';
import { EXIT_FAILED, EXIT_OK, failureCodes, renderText } from './report.js';
import type { Bilingual, ReportLine } from './report.js';
import { CliUsageError, type CommandResult } from './program.js';
import { loadLogKeys } from './verify.js';

export const AUDIT_CODES = {
  AUDIT_UNREACHABLE: { zh: '无法从网关取得所需数据（网络错误或服务器错误）。', en: 'The gateway could not be read (network or server error).' },
  AUDIT_CHECKPOINT_INVALID: { zh: '最新检查点不是由您信任的日志密钥签名的有效检查点。', en: 'The latest checkpoint is not a valid checkpoint signed by the log key you trust.' },
  AUDIT_TILES_MISMATCH: { zh: '由日志数据块（tiles）重新计算的总指纹与检查点不符：网关提供的数据与其签名不一致。', en: "The root recomputed from the tiles differs from the checkpoint's: the served data contradicts its signature." },
  AUDIT_GAP: { zh: '日志有缺口：检查点覆盖的数据块或一致性证明无法取得。', en: 'The log has a gap: a tile or consistency proof the checkpoints cover cannot be had.' },
  AUDIT_NO_ANCHORS: { zh: '日志有记录但从未上链存证。', en: 'The log has entries but nothing was ever anchored on the ledger.' },
  AUDIT_ANCHOR_INVALID: { zh: '某条链上存证记录的检查点不是由信任的密钥签名，或与记录的大小/指纹不符。', en: 'An anchor record holds a checkpoint not signed by the trusted key, or not matching its size/root.' },
  AUDIT_ANCHOR_ORDER: { zh: '链上存证记录没有按大小严格递增。', en: 'The anchor records are not strictly ascending in size.' },
  AUDIT_FORK: { zh: '分叉：同一日志密钥对同一大小签了两个不同的指纹，两者不可能都是真实日志。', en: 'Fork: the log key signed two different roots for the same size; both cannot be the real log.' },
  AUDIT_INCONSISTENT: { zh: '分叉：两个已签名的检查点之间无法证明“只追加、未改动”，日志被改写或伪造。', en: 'Fork: two signed checkpoints cannot be proven append-only; the log was rewritten or forged.' },
  AUDIT_ROLLBACK: { zh: '回退：网关提供的最新检查点比已上链的检查点还小。', en: 'Rollback: the latest checkpoint served is smaller than one already anchored.' },
} as const satisfies Record<string, Bilingual>;
export type AuditCode = keyof typeof AUDIT_CODES;

const PASS_MEANING: Readonly<Record<string, Bilingual>> = {
  checkpoint: { zh: '最新检查点由您信任的日志密钥签名。', en: 'The latest checkpoint is signed by the log key you trust.' },
  tiles: { zh: '由日志数据块重新计算的总指纹与最新检查点一致。', en: "The root recomputed from the tiles equals the latest checkpoint's." },
  anchors: { zh: '链上存证记录均由信任的密钥签名，大小递增，记录与检查点一致。', en: 'Every anchor holds a checkpoint signed by the trusted key, in ascending size, matching its record.' },
  consistency: { zh: '后一个检查点包含前一个检查点的全部记录且未改动（只追加）。', en: 'The later checkpoint contains everything of the earlier one, unchanged (append-only).' },
  latest: { zh: '最新检查点是最后一次上链存证的延续（只追加）。', en: 'The latest checkpoint extends the last anchored one (append-only).' },
};

export interface AuditOptions {
  readonly url: string;
  /**
   * Where to read the anchors: a gateway (or ledger reader) the regulator trusts on the same
   * channel, e.g. its own node. Default: `url`. A gateway serving a forged log could also serve
   * anchors of its own forged ledger; anchors read elsewhere expose it.
   */
  readonly anchorsUrl?: string;
  readonly logKey: readonly string[];
  /** A JWT of any role: anchors and consistency proofs are authenticated routes. */
  readonly token?: string;
  readonly hash?: string;
  readonly json?: boolean;
  readonly fetch?: typeof fetch;
}

interface AnchorRecord {
  readonly size: number;
  readonly rootHash: string;
  readonly note: string;
  readonly txId: string;
  readonly blockNumber: number;
  readonly channel: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 30_000;
const MAX_ANCHOR_PAGES = 100_000;

function client(base: URL, token: string | undefined, f: typeof fetch) {
  const get = async (path: string, auth: boolean): Promise<Response> => {
    const url = new URL(path, base);
    let res: Response;
    try {
      res = await f(url, { headers: auth && token !== undefined ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (e) {
      throw new HttpError(0, `GET ${url.pathname}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!res.ok) {
      const body = await res.text().catch(() => '');
      const code = /"code"\s*:\s*"([A-Z_]+)"/.exec(body)?.[1];
      throw new HttpError(res.status, `GET ${url.pathname}: HTTP ${res.status}${code === undefined ? '' : ` ${code}`}`);
    }
    return res;
  };
  return {
    text: async (path: string, auth = false) => (await get(path, auth)).text(),
    json: async (path: string, auth = true) => (await (await get(path, auth)).json()) as unknown,
    bytes: async (path: string) => {
      try {
        return new Uint8Array(await (await get(path, false)).arrayBuffer());
      } catch (e) {
        if (e instanceof HttpError && e.status === 404) return undefined;
        throw e;
      }
    },
  };
}

function isAnchorRecord(x: unknown): x is AnchorRecord {
  const a = x as Partial<AnchorRecord> | null;
  return a !== null && typeof a === 'object' && Number.isSafeInteger(a.size) && typeof a.rootHash === 'string' && typeof a.note === 'string' && typeof a.txId === 'string';
}

export interface AuditResult extends CommandResult {
  readonly codes: readonly string[];
}

/** Runs the audit; CliUsageError for usage errors (exit 2). */
export async function auditCommand(opts: AuditOptions): Promise<AuditResult> {
  let base: URL;
  try {
    base = new URL(opts.url.endsWith('/') ? opts.url : `${opts.url}/`);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new CliUsageError('--url must be an http(s) URL of a gateway, e.g. http://127.0.0.1:8080');
  }
  const hashAlg = opts.hash ?? 'sha256';
  if (!isHashAlg(hashAlg)) throw new CliUsageError('--hash must be sha256 or sm3 (the log\'s hash algorithm)');
  const logKeys = await loadLogKeys(opts.logKey);
  const verifiers = logKeys.map((k) => newVerifier(k));
  const hasher = createLogHasher(pureHashProvider(hashAlg));
  const http = client(base, opts.token, opts.fetch ?? fetch);
  let anchorsBase = base;
  if (opts.anchorsUrl !== undefined) {
    try {
      anchorsBase = new URL(opts.anchorsUrl.endsWith('/') ? opts.anchorsUrl : `${opts.anchorsUrl}/`);
      if (anchorsBase.protocol !== 'http:' && anchorsBase.protocol !== 'https:') throw new Error('not http');
    } catch {
      throw new CliUsageError('--anchors-url must be an http(s) URL');
    }
  }
  const anchorsHttp = anchorsBase === base ? http : client(anchorsBase, opts.token, opts.fetch ?? fetch);

  const lines: ReportLine[] = [];
  const pass = (id: string, detail: string) => lines.push({ ok: true, id, meaning: PASS_MEANING[id.split('.')[0] ?? id] ?? { zh: id, en: id }, detail });
  const fail = (id: string, code: AuditCode, detail: string) => lines.push({ ok: false, id, code, meaning: AUDIT_CODES[code], detail });
  const unreachable = (id: string, e: unknown) => fail(id, e instanceof HttpError && e.status === 404 ? 'AUDIT_GAP' : 'AUDIT_UNREACHABLE', e instanceof Error ? e.message : String(e));

  const facts: { label: Bilingual; value: string }[] = [{ label: { zh: '网关', en: 'Gateway' }, value: base.origin }];
  if (anchorsBase !== base) facts.push({ label: { zh: '存证来源', en: 'Anchors from' }, value: anchorsBase.origin });
  const warnings: Bilingual[] = [];
  const out: { checkpoint?: { origin: string; size: number; rootHash: string }; anchors: { size: number; rootHash: string; txId: string; blockNumber: number }[]; backlog?: number } = { anchors: [] };

  // 1. The latest checkpoint, signed by a pinned key.
  let latest: Checkpoint | undefined;
  try {
    const note = await http.text('v1/log/checkpoint');
    try {
      latest = openCheckpoint(note, verifiers).checkpoint;
      pass('checkpoint', `${latest.origin}, size ${latest.size}, root ${toBase64(latest.rootHash)}`);
      out.checkpoint = { origin: latest.origin, size: latest.size, rootHash: toBase64(latest.rootHash) };
      facts.push({ label: { zh: '日志', en: 'Log' }, value: `${latest.origin} (${hashAlg})` }, { label: { zh: '最新检查点', en: 'Latest checkpoint' }, value: `size ${latest.size}, root ${toBase64(latest.rootHash)}` });
    } catch (e) {
      fail('checkpoint', 'AUDIT_CHECKPOINT_INVALID', e instanceof Error ? e.message : String(e));
    }
  } catch (e) {
    unreachable('checkpoint', e);
  }

  // 2. Its root from the tiles.
  if (latest !== undefined) {
    const cp = latest;
    try {
      const { root, tiles } = await rootFromTiles(hasher, cp.size, (path) => http.bytes(path));
      if (toBase64(root) === toBase64(cp.rootHash)) pass('tiles', `${tiles} tile(s) give root ${toBase64(root)} at size ${cp.size}`);
      else fail('tiles', 'AUDIT_TILES_MISMATCH', `tiles give ${toBase64(root)}, the checkpoint says ${toBase64(cp.rootHash)}`);
    } catch (e) {
      if (e instanceof TileGapError) fail('tiles', 'AUDIT_GAP', e.message);
      else unreachable('tiles', e);
    }
  }

  // 3. Every anchor: a checkpoint signed by a pinned key, of this origin, matching its record, ascending.
  const anchored: { record: AnchorRecord; checkpoint: Checkpoint }[] = [];
  let anchorsOk = true;
  try {
    let bookmark = '';
    for (let page = 0; page < MAX_ANCHOR_PAGES; page++) {
      const body = (await anchorsHttp.json(`v1/anchors?pageSize=100${bookmark === '' ? '' : `&bookmark=${encodeURIComponent(bookmark)}`}`)) as { anchors?: unknown; bookmark?: unknown };
      if (!Array.isArray(body.anchors) || typeof body.bookmark !== 'string') throw new HttpError(0, 'GET /v1/anchors: not a page of anchors');
      for (const a of body.anchors as unknown[]) {
        if (!isAnchorRecord(a)) {
          fail('anchors', 'AUDIT_ANCHOR_INVALID', 'an anchor record lacks size, rootHash, note or txId');
          anchorsOk = false;
          continue;
        }
        let cp: Checkpoint;
        try {
          cp = openCheckpoint(a.note, verifiers, latest === undefined ? {} : { origin: latest.origin }).checkpoint;
        } catch (e) {
          fail(`anchors.${a.size}`, 'AUDIT_ANCHOR_INVALID', `anchor of size ${a.size} (tx ${a.txId}): ${e instanceof Error ? e.message : String(e)}`);
          anchorsOk = false;
          continue;
        }
        if (cp.size !== a.size || toBase64(cp.rootHash) !== a.rootHash) {
          fail(`anchors.${a.size}`, 'AUDIT_ANCHOR_INVALID', `the record says size ${a.size} root ${a.rootHash}, its checkpoint size ${cp.size} root ${toBase64(cp.rootHash)}`);
          anchorsOk = false;
          continue;
        }
        const prev = anchored[anchored.length - 1];
        if (prev !== undefined && cp.size <= prev.checkpoint.size) {
          const fork = cp.size === prev.checkpoint.size && toBase64(cp.rootHash) !== toBase64(prev.checkpoint.rootHash);
          fail(`anchors.${a.size}`, fork ? 'AUDIT_FORK' : 'AUDIT_ANCHOR_ORDER', fork ? `two anchored checkpoints of size ${cp.size} with different roots` : `anchor of size ${cp.size} after one of size ${prev.checkpoint.size}`);
          anchorsOk = false;
          continue;
        }
        anchored.push({ record: a, checkpoint: cp });
        out.anchors.push({ size: a.size, rootHash: a.rootHash, txId: a.txId, blockNumber: a.blockNumber });
      }
      bookmark = body.bookmark;
      if (bookmark === '') break;
    }
    if (anchorsOk) {
      if (anchored.length === 0 && (latest?.size ?? 0) > 0) fail('anchors', 'AUDIT_NO_ANCHORS', 'no anchor on the ledger for this log');
      else pass('anchors', `${anchored.length} anchored checkpoint(s)${anchored.length > 0 ? `, sizes ${anchored[0]?.checkpoint.size} … ${anchored[anchored.length - 1]?.checkpoint.size}` : ''}`);
    }
  } catch (e) {
    unreachable('anchors', e);
  }
  const last = anchored[anchored.length - 1];
  if (last !== undefined) facts.push({ label: { zh: '最后上链', en: 'Last anchored' }, value: `size ${last.checkpoint.size}, block ${last.record.blockNumber}, tx ${last.record.txId}` });

  // 4. Each anchored checkpoint consistent with the next; the latest with the last anchored.
  const consistent = async (id: string, a: Checkpoint, b: Checkpoint) => {
    if (a.size === b.size) {
      if (toBase64(a.rootHash) === toBase64(b.rootHash)) pass(id, `same tree of size ${a.size}`);
      else fail(id, 'AUDIT_FORK', `two signed checkpoints of size ${a.size} with different roots`);
      return;
    }
    if (a.size === 0) {
      pass(id, 'every tree extends the empty tree');
      return;
    }
    let proof: Uint8Array[];
    try {
      const body = (await http.json(`v1/log/proof/consistency?from=${a.size}&to=${b.size}`)) as { proof?: unknown };
      if (!Array.isArray(body.proof) || !body.proof.every((h) => typeof h === 'string')) throw new HttpError(0, 'not a consistency proof');
      proof = (body.proof).map((h) => fromBase64(h));
    } catch (e) {
      // A proof the log cannot give between two trees it signed is as bad as a failing one.
      if (e instanceof HttpError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 403) fail(id, 'AUDIT_INCONSISTENT', `the log gives no proof: ${e.message}`);
      else unreachable(id, e);
      return;
    }
    try {
      verifyConsistency(hasher, a.size, b.size, proof, a.rootHash, b.rootHash);
      pass(id, `size ${a.size} → ${b.size}: append-only`);
    } catch (e) {
      fail(id, 'AUDIT_INCONSISTENT', `size ${a.size} → ${b.size}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  for (let i = 0; i + 1 < anchored.length; i++) {
    const a = anchored[i]?.checkpoint;
    const b = anchored[i + 1]?.checkpoint;
    if (a !== undefined && b !== undefined) await consistent(`consistency.${a.size}-${b.size}`, a, b);
  }
  if (latest !== undefined && last !== undefined) {
    if (latest.size < last.checkpoint.size) {
      fail('latest', 'AUDIT_ROLLBACK', `latest checkpoint size ${latest.size} is below the anchored size ${last.checkpoint.size}`);
    } else {
      await consistent('latest', last.checkpoint, latest);
      const backlog = latest.size - last.checkpoint.size;
      out.backlog = backlog;
      if (backlog > 0) {
        warnings.push({ zh: `最新检查点中有 ${backlog} 条记录尚未上链存证（通常几秒内完成）。`, en: `${backlog} entries of the latest checkpoint are not anchored yet (usually done within seconds).` });
      }
    }
  }

  const codes = failureCodes(lines);
  const ok = lines.length > 0 && codes.length === 0;
  const exitCode = ok ? EXIT_OK : EXIT_FAILED;
  const stderr = ok ? '' : `elc audit: FAILED ${codes.join(', ')}\n`;
  if (opts.json === true) {
    return { exitCode, codes, stderr, stdout: `${JSON.stringify({ ok, exitCode, codes, checks: lines, ...out }, null, 2)}\n` };
  }
  const text = renderText({
    title: { zh: '电子劳动合同存证日志审计报告', en: 'Electronic labor contract evidence log: audit report' },
    facts,
    lines,
    unchecked: ['日志内容是否完整（是否有事件从未提交）无法由审计证明 / Whether every event was ever submitted cannot be shown by an audit'],
    warnings,
    ok,
  });
  return { exitCode, codes, stderr, stdout: text };
}
