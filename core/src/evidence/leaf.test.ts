import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../encoding/index.js';
import { EVIDENCE_MAX_LEAF_BYTES } from './codes.js';
import { SAMPLE_EVENTS, mutable } from './fixtures.test-support.js';
import { decodeLeaf, encodeLeaf } from './leaf.js';
import { EVENT_TYPES } from './schema.js';

const rescinded = SAMPLE_EVENTS['contract.rescinded'];

/** Hand-checked RFC 8785 form: keys in UTF-16 order ("note" before "noticeDate"), no whitespace, UTF-8 text unescaped. */
const RESCINDED_CANONICAL =
  '{"contractId":"HT-2026-0001","data":{"effectiveDate":"2027-06-30","initiator":"worker","note":"协商一致解除","noticeDate":"2027-05-31","reasonCode":"036"},' +
  '"employer":"91110000MA0000001L","id":"e-13","party":"employer","region":"110108","time":"2026-11-22T08:00:00.000Z","type":"contract.rescinded","v":1,' +
  '"worker":"hmac-sha256:abababababababababababababababababababababababababababababababab"}';

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('leaf encoding (RFC 8785)', () => {
  it('produces the known canonical bytes for a fixture', () => {
    expect(fromUtf8(encodeLeaf(rescinded))).toBe(RESCINDED_CANONICAL);
    expect(encodeLeaf(rescinded)).toEqual(utf8(RESCINDED_CANONICAL));
  });

  it('round-trips every event type', () => {
    for (const type of EVENT_TYPES) {
      const leaf = encodeLeaf(SAMPLE_EVENTS[type]);
      expect(decodeLeaf(leaf)).toEqual(SAMPLE_EVENTS[type]);
      expect(encodeLeaf(decodeLeaf(leaf))).toEqual(leaf);
    }
  });

  it('does not depend on key order', () => {
    for (const type of EVENT_TYPES) {
      const reordered = reversedKeys(SAMPLE_EVENTS[type]) as typeof rescinded;
      expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(SAMPLE_EVENTS[type]));
      expect(encodeLeaf(reordered)).toEqual(encodeLeaf(SAMPLE_EVENTS[type]));
    }
  });

  it('validates before encoding', () => {
    const bad = mutable(rescinded);
    bad.data.initiator = 'nobody';
    expect(codeOf(() => encodeLeaf(bad as unknown as typeof rescinded))).toBe('EVIDENCE_INVALID');
  });

  it('refuses leaves that are not their own canonical form', () => {
    const variants = [
      JSON.stringify(rescinded), // insertion order, not canonical order
      `${RESCINDED_CANONICAL} `,
      ` ${RESCINDED_CANONICAL}`,
      RESCINDED_CANONICAL.replace('"v":1', '"v":1.0'),
      RESCINDED_CANONICAL.replace('"id":"e-13"', '"id":"e-\\u0031\\u0033"'),
      RESCINDED_CANONICAL.replace('{"contractId"', '{"id":"e-99","contractId"'), // duplicate key, last wins in JSON.parse
    ];
    for (const text of variants) {
      expect(JSON.parse(text)).toBeTruthy();
      expect(codeOf(() => decodeLeaf(utf8(text))), text).toBe('EVIDENCE_LEAF_MALFORMED');
    }
  });

  it('refuses bytes that are not UTF-8 JSON, or too large, or not an event', () => {
    expect(codeOf(() => decodeLeaf(Uint8Array.of(0xff, 0xfe)))).toBe('EVIDENCE_LEAF_MALFORMED');
    expect(codeOf(() => decodeLeaf(utf8('{"v":1')))).toBe('EVIDENCE_LEAF_MALFORMED');
    expect(codeOf(() => decodeLeaf(new Uint8Array(EVIDENCE_MAX_LEAF_BYTES + 1)))).toBe('EVIDENCE_LEAF_TOO_LARGE');
    expect(codeOf(() => decodeLeaf(utf8('{}')))).toBe('EVIDENCE_INVALID');
    expect(codeOf(() => decodeLeaf(utf8(RESCINDED_CANONICAL.replace('"v":1', '"v":2'))))).toBe('EVIDENCE_VERSION_UNSUPPORTED');
    expect(codeOf(() => decodeLeaf('{}' as unknown as Uint8Array))).toBe('EVIDENCE_LEAF_MALFORMED');
  });

  it('changes with any single byte of the leaf it decodes', () => {
    const leaf = encodeLeaf(rescinded);
    let refusedOrDifferent = 0;
    for (let i = 0; i < leaf.length; i++) {
      const t = leaf.slice();
      t[i] = (t[i] ?? 0) ^ 0x01;
      try {
        const e = decodeLeaf(t);
        if (JSON.stringify(e) !== JSON.stringify(rescinded)) refusedOrDifferent++;
      } catch {
        refusedOrDifferent++;
      }
    }
    expect(refusedOrDifferent).toBe(leaf.length);
  });
});
