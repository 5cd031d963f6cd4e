// `elc verify-receipts <file> --log-key <vkey>`: checks the receipts a signing platform got back
// from POST /v1/events, offline, with the log's pinned verifier key. The file is the response
// body ({"receipts": [...]}, with or without proofs), an array of receipts, or one receipt. Each
// receipt is checked with verifyReceipt (@elc/core/receipt): its statement, its inclusion proof in
// the batch tree and the batch signature by the log key, whose name is the log's origin.
// Exit 0 when every receipt verifies, 1 when one does not or the file is not receipts, 2 usage.
import { readFile } from 'node:fs/promises';
import { createLogHasher, isElcError, isHashAlg, newVerifier, pureHashProvider } from '@elc/core';
import { verifyReceipt, type Receipt } from '@elc/core/receipt';
import { EXIT_FAILED, EXIT_OK, failureCodes, renderText, type ReportLine } from './report.js';
import { CliUsageError, type CommandResult } from './program.js';
import { loadLogKeys } from './verify.js';

export interface VerifyReceiptsOptions {
  readonly logKey: readonly string[];
  /** the log's hash algorithm: sha256 (default) or sm3 */
  readonly hash?: string;
  readonly json?: boolean;
}

/** A response body is at most ELC_BODY_LIMIT-sized events' receipts; refuse far larger files. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const VALID = {
  zh: '该回执由日志密钥签名：该叶哈希已按此序号、此时间持久写入日志。',
  en: 'Signed by the log key: this leaf hash was durably sequenced at this index and time.',
};
const INVALID = {
  zh: '该回执无效：字段被改动、证明不匹配或签名不是该日志密钥所签。',
  en: 'Not valid: a field was changed, the proof does not fit, or the log key did not sign it.',
};
const MALFORMED = {
  zh: '文件不是回执（应为 {"receipts": [...]}、回执数组或单个回执）。',
  en: 'The file is not receipts ({"receipts": [...]}, an array of receipts, or one receipt).',
};

function receiptsIn(doc: unknown): unknown[] | undefined {
  if (Array.isArray(doc)) return doc as unknown[];
  if (typeof doc !== 'object' || doc === null) return undefined;
  const list = (doc as { receipts?: unknown }).receipts;
  if (Array.isArray(list)) return list as unknown[];
  return 'batch' in doc && 'signature' in doc ? [doc] : undefined;
}

export async function verifyReceiptsCommand(file: string, opts: VerifyReceiptsOptions): Promise<CommandResult> {
  const alg = opts.hash ?? 'sha256';
  if (!isHashAlg(alg)) throw new CliUsageError(`--hash must be sha256 or sm3 (got "${alg}")`);
  const verifiers = (await loadLogKeys(opts.logKey)).map((k) => newVerifier(k));
  const hasher = createLogHasher(pureHashProvider(alg));

  let receipts: unknown[] | undefined;
  let problem = '';
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_FILE_BYTES) problem = `the file is over ${MAX_FILE_BYTES} bytes`;
    else receipts = receiptsIn(JSON.parse(bytes.toString('utf8')));
    if (receipts === undefined && problem === '') problem = 'no receipts in the file';
    if (receipts?.length === 0) problem = 'the receipt list is empty';
  } catch (e) {
    problem = e instanceof SyntaxError ? 'the file is not JSON' : `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }

  const lines: ReportLine[] =
    problem !== '' || receipts === undefined || receipts.length === 0
      ? [{ ok: false, id: 'receipts', code: 'RECEIPTS_MALFORMED', meaning: MALFORMED, detail: problem }]
      : receipts.map((r, i) => checkOne(r, i, verifiers, hasher));
  const ok = lines.every((l) => l.ok);
  const codes = failureCodes(lines);
  const exitCode = ok ? EXIT_OK : EXIT_FAILED;
  const stderr = ok ? '' : `elc verify-receipts: FAILED ${codes.join(', ')}\n`;
  if (opts.json === true) {
    return { exitCode, stdout: `${JSON.stringify({ ok, exitCode, codes, checks: lines }, null, 2)}\n`, stderr };
  }
  const text = renderText({
    title: { zh: '存证回执验证报告', en: 'Evidence receipts: verification report' },
    facts: [
      { label: { zh: '文件', en: 'File' }, value: file },
      { label: { zh: '日志', en: 'Log' }, value: verifiers.map((v) => v.name).join(', ') },
    ],
    lines,
    unchecked: ['that the leaf hash is the hash of your event (compare it with H(0x00 || the canonical leaf) you keep)'],
    warnings: [],
    ok,
  });
  return { exitCode, stdout: text, stderr };
}

function checkOne(r: unknown, i: number, verifiers: readonly ReturnType<typeof newVerifier>[], hasher: ReturnType<typeof createLogHasher>): ReportLine {
  const o = typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {};
  const id = `receipt ${i}${typeof o['id'] === 'string' ? ` ${o['id']}` : ''}${typeof o['index'] === 'number' ? ` (index ${o['index']})` : ''}`;
  let last = 'no log key given';
  for (const v of verifiers) {
    try {
      // The vkey's name is the log's origin: the statement and batch message both carry it.
      verifyReceipt(r as Receipt, v.name, v, hasher);
      return { ok: true, id, meaning: VALID, detail: `verified with ${v.name}` };
    } catch (e) {
      if (!isElcError(e)) throw e;
      last = `${e.field === undefined ? '' : `${e.field}: `}${e.message}`;
    }
  }
  return { ok: false, id, code: 'LOG_RECEIPT_INVALID', meaning: INVALID, detail: last };
}
