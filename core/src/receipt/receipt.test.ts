import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, utf8 } from '../encoding/index.js';
import { pureHashProvider } from '../hash/index.js';
import { createLogHasher, inclusionProofPlan, planProofLength, rootOfLeafHashes, verifyInclusion, type LogHasher } from '../merkle/index.js';
import { nativeHashProvider } from '../node/index.js';
import { generateEd25519Key, newSigner, newVerifier, type NoteSigner, type NoteVerifier } from '../note/index.js';
import { buildBatchTree, issueReceipts, receiptBatchMessage, receiptStatement, verifyReceipt, type Receipt } from './index.js';

const ORIGIN = 'elc.example.cn/log';
const KEY = generateEd25519Key(ORIGIN);
/** Core's signer: Ed25519 is deterministic, so its receipts are byte for byte the gateway's native signer's. */
const signer = newSigner(KEY.skey);
const sha256 = createLogHasher(nativeHashProvider('sha256'));
const sm3 = createLogHasher(pureHashProvider('sm3'));
const coreVerifier = newVerifier(KEY.vkey);
/** node:crypto's Ed25519 verify for the thousands of checks below (core's pure-JS one takes ~2 ms); held to core's answers. */
const verifier = nodeVerifier(KEY.vkey);
const TIME = 1_763_800_000_123;
const SIZES = [...Array.from({ length: 70 }, (_, i) => i + 1), 255, 256, 300];

function nodeVerifier(vkey: string): NoteVerifier {
  const core = newVerifier(vkey);
  // <name>+<key id>+<base64(type || key)>; the base64 may hold '+' too
  const raw = fromBase64(vkey.split('+').slice(2).join('+')).subarray(1);
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return { name: core.name, keyId: core.keyId, verify: (msg, sig) => cryptoVerify(null, msg, key, sig) };
}

const leafHashOf = (i: number, hasher: LogHasher = sha256): string => toBase64(hasher.leafHash(utf8(`leaf ${i}`)));
const fresh = (start: number, size: number, hasher: LogHasher = sha256): { id: string; leafHash: string }[] =>
  Array.from({ length: size }, (_, i) => ({ id: `id-${start + i}`, leafHash: leafHashOf(start + i, hasher) }));

/** A batch of `size` receipts from index `start`, as the sequencer issues them. */
function issue(start: number, size: number, o: { hasher?: LogHasher; signer?: Pick<NoteSigner, 'sign'>; time?: number } = {}): Receipt[] {
  const hasher = o.hasher ?? sha256;
  return issueReceipts({ origin: ORIGIN, hasher, signer: o.signer ?? signer }, start, o.time ?? TIME, fresh(start, size, hasher));
}

/** 'ok', or the error's code and field. */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    const { code, field } = e as { code?: string; field?: string };
    return `${code}:${field}`;
  }
}
const check = (r: unknown, origin = ORIGIN, hasher = sha256, v = verifier): string => outcome(() => verifyReceipt(r as Receipt, origin, v, hasher));
const bad = (field: string): string => `LOG_RECEIPT_INVALID:${field}`;

const proofLength = (position: number, size: number): number => planProofLength(inclusionProofPlan(position, size));
/** What a well-formed receipt whose index or batch bounds moved fails on. */
function movedOutcome(index: number, start: number, size: number, proof: readonly string[]): string {
  if (index < start || index >= start + size) return bad('index');
  return proofLength(index - start, size) === proof.length ? bad('signature') : bad('batch.proof');
}

const otherHash = toBase64(new Uint8Array(32).fill(0x5a));
const flipFirst = (b64: string): string => {
  const bytes = fromBase64(b64);
  bytes[0] = (bytes[0] as number) ^ 1;
  return toBase64(bytes);
};

/** Every single-field change of r, with the outcome it must have. */
function tampers(r: Receipt, other: Receipt): [string, unknown, string][] {
  const { start, size, proof } = r.batch;
  const at = (batch: Partial<Receipt['batch']>): Receipt => ({ ...r, batch: { ...r.batch, ...batch } });
  const out: [string, unknown, string][] = [
    ['id (not signed)', { ...r, id: 'another name' }, 'ok'],
    ['index -1', { ...r, index: -1 }, bad('index')],
    ['index 1.5', { ...r, index: 1.5 }, bad('index')],
    ['index as text', { ...r, index: String(r.index) }, bad('index')],
    ['index before the batch', { ...r, index: start - 1 }, bad('index')],
    ['index past the batch', { ...r, index: start + size }, bad('index')],
    ['leafHash not base64', { ...r, leafHash: 'not base64!' }, bad('leafHash')],
    ['leafHash 31 bytes', { ...r, leafHash: toBase64(new Uint8Array(31)) }, bad('leafHash')],
    ['leafHash not canonical', { ...r, leafHash: r.leafHash.slice(0, -1) }, bad('leafHash')],
    ['leafHash missing', { ...r, leafHash: undefined }, bad('leafHash')],
    ['leafHash another hash', { ...r, leafHash: otherHash }, bad('signature')],
    ['time -1', { ...r, time: -1 }, bad('time')],
    ['time 2.5', { ...r, time: 2.5 }, bad('time')],
    ['time later', { ...r, time: r.time + 1 }, bad('signature')],
    ['signature not base64', { ...r, signature: 'not base64!' }, bad('signature')],
    ['signature missing', { ...r, signature: undefined }, bad('signature')],
    ['signature flipped', { ...r, signature: flipFirst(r.signature) }, bad('signature')],
    ['signature of another batch', { ...r, signature: other.signature }, bad('signature')],
    ['batch missing', { ...r, batch: undefined }, bad('batch')],
    ['batch null', { ...r, batch: null }, bad('batch')],
    ['batch.start -1', at({ start: -1 }), bad('batch.start')],
    ['batch.start 0.5', at({ start: 0.5 }), bad('batch.start')],
    ['batch.start as text', at({ start: String(start) as unknown as number }), bad('batch.start')],
    ['batch.start + 1', at({ start: start + 1 }), movedOutcome(r.index, start + 1, size, proof)],
    ['batch.size 0', at({ size: 0 }), bad('batch.size')],
    ['batch.size 1.5', at({ size: 1.5 }), bad('batch.size')],
    ['batch.size past safe integers', at({ size: Number.MAX_SAFE_INTEGER - start + 1 }), bad('batch.size')],
    ['batch.size + 1', at({ size: size + 1 }), movedOutcome(r.index, start, size + 1, proof)],
    ['batch.proof not an array', at({ proof: 'p' as unknown as string[] }), bad('batch.proof')],
    ['batch.proof one hash longer', at({ proof: [...proof, otherHash] }), bad('batch.proof')],
    ['batch.proof with a number', at({ proof: [...proof.slice(1), 7 as unknown as string] }), bad('batch.proof')],
    ['origin of another log', r, bad('signature')],
    ['origin empty', r, bad('origin')],
    ['origin of two lines', r, bad('origin')],
  ];
  if (start > 0) out.push(['batch.start - 1', at({ start: start - 1 }), movedOutcome(r.index, start - 1, size, proof)]);
  if (size > 1) {
    const moved = start + ((r.index - start + 1) % size);
    out.push(['index moved in the batch', { ...r, index: moved }, movedOutcome(moved, start, size, proof)]);
    out.push(['batch.size - 1', at({ size: size - 1 }), movedOutcome(r.index, start, size - 1, proof)]);
  }
  proof.forEach((p, k) => {
    const swap = (x: string): string[] => proof.map((q, j) => (j === k ? x : q));
    out.push(
      [`batch.proof[${k}] another hash`, at({ proof: swap(flipFirst(p)) }), bad('signature')],
      [`batch.proof[${k}] not base64`, at({ proof: swap('not base64!') }), bad('batch.proof')],
      [`batch.proof[${k}] 31 bytes`, at({ proof: swap(toBase64(new Uint8Array(31))) }), bad('batch.proof')],
    );
  });
  if (proof.length > 0) out.push(['batch.proof one hash shorter', at({ proof: proof.slice(1) }), bad('batch.proof')]);
  return out;
}

/**
 * Where to try every change: each position of a batch of up to 12, else both ends, the middle and
 * both sides of the split at the largest power of two below the size (RFC 6962's left subtree).
 */
function tamperPositions(size: number): number[] {
  if (size <= 12) return Array.from({ length: size }, (_, i) => i);
  const split = 2 ** Math.floor(Math.log2(size - 1));
  return [...new Set([0, Math.floor(size / 2), split - 1, split, size - 1])];
}

const originOf: Record<string, string> = { 'origin of another log': 'elc.example.cn/other', 'origin empty': '', 'origin of two lines': `${ORIGIN}\nx` };

describe('receipt texts', () => {
  it('a statement is one field a line, headed elc-receipt/v2', () => {
    const leafHash = leafHashOf(0);
    expect(new TextDecoder().decode(receiptStatement(ORIGIN, { index: 42, leafHash, time: TIME }))).toBe(`elc-receipt/v2\n${ORIGIN}\n42\n${leafHash}\n1763800000123\n`);
  });

  it('the signed batch message is headed elc-receipt-batch/v1: origin, start, size, root', () => {
    const root = new Uint8Array(32).fill(7);
    expect(new TextDecoder().decode(receiptBatchMessage(ORIGIN, 1000, 256, root))).toBe(`elc-receipt-batch/v1\n${ORIGIN}\n1000\n256\n${toBase64(root)}\n`);
  });

  it('refuses malformed fields', () => {
    const leafHash = leafHashOf(0);
    for (const [fields, field] of [
      [{ index: -1, leafHash, time: 0 }, 'index'],
      [{ index: 1.5, leafHash, time: 0 }, 'index'],
      [{ index: 0, leafHash, time: -1 }, 'time'],
      [{ index: 0, leafHash: toBase64(new Uint8Array(31)), time: 0 }, 'leafHash'],
      [{ index: 0, leafHash: leafHash.slice(0, -1), time: 0 }, 'leafHash'],
    ] as const) {
      expect(outcome(() => receiptStatement(ORIGIN, fields))).toBe(bad(field));
    }
    expect(outcome(() => receiptStatement('two\nlines', { index: 0, leafHash, time: 0 }))).toBe(bad('origin'));
    expect(outcome(() => receiptBatchMessage(ORIGIN, 0, 0, new Uint8Array(32)))).toBe(bad('batch.size'));
    expect(outcome(() => receiptBatchMessage(ORIGIN, -1, 1, new Uint8Array(32)))).toBe(bad('batch.start'));
    expect(outcome(() => buildBatchTree(sha256, []))).toBe(bad('batch.size'));
  });
});

describe('the batch tree', () => {
  it('is the RFC 6962 tree: core computes the same root and verifies every proof', () => {
    for (const size of SIZES) {
      const statements = Array.from({ length: size }, (_, i) => utf8(`statement ${i}`));
      const tree = buildBatchTree(sha256, statements);
      const leaves = statements.map((s) => sha256.leafHash(s));
      expect(tree.root).toEqual(rootOfLeafHashes(sha256, leaves));
      expect(tree.proofs).toHaveLength(size);
      tree.proofs.forEach((p, i) => verifyInclusion(sha256, i, size, leaves[i] as Uint8Array, p.map((h) => fromBase64(h)), tree.root));
    }
    expect(buildBatchTree(sha256, [utf8('alone')])).toEqual({ root: sha256.leafHash(utf8('alone')), proofs: [[]] });
  });

  it('costs n leaf hashes and n - 1 node hashes for all n proofs', () => {
    for (const size of [1, 2, 3, 70, 255, 256, 300]) {
      let calls = 0;
      const native = nativeHashProvider('sha256');
      const hasher = createLogHasher({ alg: native.alg, outputLength: native.outputLength, hash: (...parts) => (calls++, native.hash(...parts)) });
      calls = 0; // the hasher computes the empty root once when created
      buildBatchTree(hasher, Array.from({ length: size }, (_, i) => utf8(`s${i}`)));
      expect(calls).toBe(2 * size - 1);
    }
  });
});

describe('batch-signed receipts', () => {
  it('one signature per batch, shared with start, size and time by every receipt of it', () => {
    let calls = 0;
    const counted: Pick<NoteSigner, 'sign'> = { sign: (m) => (calls++, signer.sign(m)) };
    const rs = issue(500, 37, { signer: counted });
    expect(calls).toBe(1);
    expect(rs.map((r) => r.index)).toEqual(Array.from({ length: 37 }, (_, i) => 500 + i));
    expect(rs.map((r) => r.id)).toEqual(fresh(500, 37).map((f) => f.id));
    expect(new Set(rs.map((r) => `${r.signature} ${r.time} ${r.batch.start} ${r.batch.size}`))).toEqual(new Set([`${rs[0]?.signature} ${TIME} 500 37`]));
    // Ed25519 is deterministic: the same batch gets the same receipts again
    expect(issue(500, 37)).toEqual(rs);
    expect(issue(0, 0)).toEqual([]);
  });

  it('every receipt of batches of 1..70, 255, 256 and 300 verifies; every single-field change fails on its field (all positions up to 12, ends, middle and split above)', () => {
    let start = 0;
    let checked = 0;
    for (const size of SIZES) {
      const rs = issue(start, size);
      const other = (issue(start, size, { time: TIME + 1 }))[0] as Receipt;
      expect(check(rs[0])).toBe('ok');
      expect(check(rs[size - 1], ORIGIN, sha256, coreVerifier)).toBe('ok'); // core's verifier agrees
      for (const r of rs) expect(check(r)).toBe('ok');
      for (const position of tamperPositions(size)) {
        const r = rs[position] as Receipt;
        for (const [name, tampered, expected] of tampers(r, other)) {
          expect(check(tampered, originOf[name] ?? ORIGIN), `size ${size}, index ${r.index}: ${name}`).toBe(expected);
          checked++;
        }
      }
      start += size;
    }
    expect(checked).toBeGreaterThan(15_000);
  });

  it('the test verifier gives core verifier answers, good and bad', () => {
    const [r] = issue(3, 5);
    if (r === undefined) throw new Error('no receipt');
    for (const x of [r, { ...r, time: r.time + 1 }, { ...r, signature: flipFirst(r.signature) }]) {
      expect(check(x, ORIGIN, sha256, verifier)).toBe(check(x, ORIGIN, sha256, coreVerifier));
    }
    expect(check({ ...r, time: r.time + 1 }, ORIGIN, sha256, coreVerifier)).toBe(bad('signature'));
    expect(check(r, ORIGIN, sha256, newVerifier(generateEd25519Key(ORIGIN).vkey))).toBe(bad('signature'));
  });

  it('a proof or batch from another batch fails, even at the same position and size', () => {
    const a = issue(0, 8);
    const b = issue(8, 8);
    const c = issue(0, 8, { time: TIME + 1 }); // same indices and size, another batch
    for (let i = 0; i < 8; i++) {
      const [ra, rb, rc] = [a[i], b[i], c[i]] as [Receipt, Receipt, Receipt];
      expect(check({ ...ra, batch: { ...ra.batch, proof: rb.batch.proof } })).toBe(bad('signature'));
      expect(check({ ...ra, batch: { ...ra.batch, proof: rc.batch.proof } })).toBe(bad('signature'));
      expect(check({ ...ra, batch: rc.batch, signature: rc.signature })).toBe(bad('signature'));
      expect(check({ ...ra, batch: rb.batch, signature: rb.signature })).toBe(bad('index'));
      // a proof of another position of the same batch
      const j = (i + 1) % 8;
      expect(check({ ...ra, batch: { ...ra.batch, proof: a[j]?.batch.proof } })).toBe(bad('signature'));
    }
  });

  it('a receipt of an SM3 log verifies with the SM3 hasher and not with SHA-256', () => {
    for (const size of [1, 2, 7, 256]) {
      const rs = issue(40, size, { hasher: sm3 });
      expect(rs[0]?.leafHash).toBe(toBase64(sm3.leafHash(utf8('leaf 40'))));
      for (const r of rs) {
        expect(check(r, ORIGIN, sm3)).toBe('ok');
        expect(check(r, ORIGIN, sha256)).toBe(bad('signature'));
      }
      const native = createLogHasher(nativeHashProvider('sm3'));
      expect(check(rs.at(-1), ORIGIN, native, coreVerifier)).toBe('ok');
    }
  });
});
