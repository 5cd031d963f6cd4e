// `elc verify <bundle.json> --log-key <vkey|file> [--tsa-cert <pem>] [--json]`: verifies an
// evidence bundle offline with @elc/core only (no network, no gateway code). Exit 0 when every
// check holds, 1 with the failing checks' codes otherwise, 2 for usage errors (program.ts).
import { readFile, stat } from 'node:fs/promises';
import { newVerifier, pemToDerAll, toBase64, verifyBundleFull } from '@elc/core';
import type { BundleCheck, BundleFullReport } from '@elc/core';
import { EXIT_FAILED, EXIT_OK, failureCodes, renderText } from './report.js';
import type { Bilingual, ReportLine, TextReport } from './report.js';
import { CliUsageError, type CommandResult } from './program.js';
import { EVENT_LABEL, checkMeaning } from './verify-meanings.js';

export interface VerifyOptions {
  /** vkey texts or paths of files holding one vkey per line (repeatable). */
  readonly logKey: readonly string[];
  /** Paths of PEM files with the pinned TSA root certificates (repeatable). */
  readonly tsaCert?: readonly string[];
  readonly json?: boolean;
}

/** A bundle is a few MB at most; refuse to read something far larger into memory. */
const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Each --log-key is a vkey, or a file whose non-empty lines are vkeys; every one must parse. */
export async function loadLogKeys(args: readonly string[]): Promise<string[]> {
  if (args.length === 0) throw new CliUsageError('--log-key is required: the log verifier key, pinned out of band (vkey text or a file)');
  const keys: string[] = [];
  for (const arg of args) {
    const fromFile = await isFile(arg);
    const lines = fromFile ? (await readFile(arg, 'utf8')).split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '') : [arg.trim()];
    if (lines.length === 0) throw new CliUsageError(`--log-key ${arg}: the file holds no key`);
    for (const line of lines) {
      try {
        newVerifier(line);
      } catch {
        throw new CliUsageError(`--log-key ${fromFile ? `file ${arg}` : 'value'} is not a C2SP verifier key (name+keyid+base64)`);
      }
      keys.push(line);
    }
  }
  return keys;
}

/** Each --tsa-cert is a PEM file with one or more CERTIFICATE blocks. */
export async function loadTsaRoots(paths: readonly string[] | undefined): Promise<Uint8Array[] | undefined> {
  if (paths === undefined || paths.length === 0) return undefined;
  const roots: Uint8Array[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new CliUsageError(`--tsa-cert ${path}: cannot read the file`);
    }
    let ders: Uint8Array[];
    try {
      ders = pemToDerAll(text);
    } catch {
      throw new CliUsageError(`--tsa-cert ${path}: not a PEM file`);
    }
    if (ders.length === 0) throw new CliUsageError(`--tsa-cert ${path}: no CERTIFICATE in the file`);
    roots.push(...ders);
  }
  return roots;
}

async function readBundle(path: string): Promise<{ parsed: unknown } | { error: string }> {
  let bytes: Buffer;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error('not a file');
    if (s.size > MAX_BUNDLE_BYTES) throw new CliUsageError(`${path}: larger than ${MAX_BUNDLE_BYTES} bytes, not a bundle`);
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof CliUsageError) throw e;
    throw new CliUsageError(`cannot read the bundle file ${path}`);
  }
  try {
    return { parsed: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (e) {
    return { error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const UNCHECKED_TEXT: readonly [string, Bilingual][] = [
  ['anchor.ledger', { zh: '未在区块链上查询存证交易本身（需联网向账本核实交易号和区块号）。', en: 'The anchor transaction itself was not looked up on the ledger (needs ledger access: tx id and block).' }],
  ['timestamp.token', { zh: '未提供时间戳机构根证书（--tsa-cert），时间戳凭证未验证。', en: 'No TSA root was given (--tsa-cert), so the timestamp token was not verified.' }],
  ['timestamp:', { zh: '证据包没有时间戳凭证，检查点的时间未经第三方证明。', en: 'The bundle has no timestamp token; the checkpoint time is not attested.' }],
  ['contract.state', { zh: '证据包所附的链上合同状态和历史按原样提供，未验证。', en: 'The on-chain contract state and history in the bundle are carried as is, not verified.' }],
];

function uncheckedText(u: string): string {
  const found = UNCHECKED_TEXT.find(([prefix]) => u.startsWith(prefix));
  return found === undefined ? u : `${found[1].zh} / ${found[1].en}`;
}

function line(c: BundleCheck): ReportLine {
  return { ok: c.ok, id: c.id, ...(c.code === undefined ? {} : { code: c.code }), ...(c.cause === undefined ? {} : { cause: c.cause }), meaning: checkMeaning(c.id, c.ok ? undefined : c.code), detail: c.detail };
}

function factsOf(bundle: unknown, report: BundleFullReport | undefined): TextReport['facts'] {
  const facts: { label: Bilingual; value: string }[] = [];
  const b = (bundle ?? {}) as { contract?: { employer?: unknown; contractId?: unknown }; origin?: unknown; hashAlg?: unknown; anchor?: { channel?: unknown; blockNumber?: unknown; txId?: unknown } };
  if (report?.checkpoint !== undefined) {
    const cp = report.checkpoint;
    facts.push({ label: { zh: '合同', en: 'Contract' }, value: `${String(b.contract?.employer)} / ${String(b.contract?.contractId)}` });
    facts.push({ label: { zh: '日志', en: 'Log' }, value: `${cp.origin} (${String(b.hashAlg)})` });
    facts.push({ label: { zh: '检查点', en: 'Checkpoint' }, value: `size ${cp.size}, root ${toBase64(cp.rootHash)}` });
    if (b.anchor !== undefined) facts.push({ label: { zh: '链上存证', en: 'Anchor' }, value: `channel ${String(b.anchor.channel)}, block ${String(b.anchor.blockNumber)}, tx ${String(b.anchor.txId)}` });
  }
  if (report?.timestamp !== undefined) {
    const t = report.timestamp;
    facts.push({ label: { zh: '时间戳', en: 'Timestamp' }, value: `${t.genTime} by ${t.tsaName}${t.local ? ' — LOCAL development TSA 本地开发用' : ''}` });
  }
  for (const { index, event } of report?.events ?? []) {
    const label = EVENT_LABEL[event.type];
    facts.push({ label: { zh: `记录 #${index}`, en: `Record #${index}` }, value: `${event.time} ${label.zh} ${label.en} (${event.id})` });
  }
  return facts;
}

const LOCAL_WARNING: Bilingual = {
  zh: '时间戳来自网关自带的“本地开发用”时间戳服务：时间只是网关运营方自己的说法，不是独立第三方的证明。',
  en: "The timestamp is from the gateway's own LOCAL development TSA: the time is only the operator's word, not an independent third party's.",
};

/** Runs the verification; throws CliUsageError for usage errors (exit 2). */
export async function verifyCommand(file: string, opts: VerifyOptions): Promise<CommandResult> {
  const logKeys = await loadLogKeys(opts.logKey);
  const tsaRoots = await loadTsaRoots(opts.tsaCert);
  const read = await readBundle(file);
  let report: BundleFullReport | undefined;
  let checks: ReportLine[];
  let unchecked: readonly string[] = [];
  if ('error' in read) {
    checks = [{ ok: false, id: 'schema', code: 'BUNDLE_MALFORMED', meaning: checkMeaning('schema', 'BUNDLE_MALFORMED'), detail: read.error }];
  } else {
    report = await verifyBundleFull(read.parsed, { logKeys, ...(tsaRoots === undefined ? {} : { tsaRoots }) });
    checks = report.checks.map(line);
    unchecked = report.unchecked;
  }
  const ok = report?.ok === true;
  const codes = failureCodes(checks);
  const exitCode = ok ? EXIT_OK : EXIT_FAILED;
  const warnings = report?.timestamp?.local === true ? [LOCAL_WARNING] : [];
  if (opts.json === true) {
    const json = {
      ok,
      exitCode,
      codes,
      checks: checks.map(({ meaning, ...c }) => ({ ...c, meaning })),
      unchecked,
      ...(report?.checkpoint === undefined ? {} : { checkpoint: { origin: report.checkpoint.origin, size: report.checkpoint.size, rootHash: toBase64(report.checkpoint.rootHash) } }),
      ...(report?.timestamp === undefined ? {} : { timestamp: report.timestamp }),
      events: (report?.events ?? []).map(({ index, event }) => ({ index, id: event.id, type: event.type, time: event.time })),
    };
    return { exitCode, stdout: `${JSON.stringify(json, null, 2)}\n`, stderr: ok ? '' : `elc verify: FAILED ${codes.join(', ')}\n` };
  }
  const text = renderText({
    title: { zh: '电子劳动合同证据包验证报告', en: 'Electronic labor contract evidence bundle: verification report' },
    facts: [{ label: { zh: '文件', en: 'File' }, value: file }, ...factsOf('error' in read ? undefined : read.parsed, report)],
    lines: checks,
    unchecked: unchecked.map(uncheckedText),
    warnings,
    ok,
  });
  return { exitCode, stdout: text, stderr: ok ? '' : `elc verify: FAILED ${codes.join(', ')}\n` };
}
