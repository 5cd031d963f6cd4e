import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BundleErrorCode } from './codes.js';
import { verifyBundle } from './verify.js';
import { makeBundleVectors } from './vectors.test-support.js';
import type { BundleVectors } from './vectors.test-support.js';

const FILE = new URL('./testdata/bundle-vectors.json', import.meta.url);
const generated = makeBundleVectors();
const text = `${JSON.stringify(generated, null, 2)}\n`;
if (process.env['ELC_UPDATE_GOLDEN'] === '1') writeFileSync(FILE, text);
const committed = JSON.parse(readFileSync(FILE, 'utf8')) as BundleVectors;

describe('golden bundle vectors (testdata/bundle-vectors.json)', () => {
  it('are exactly what the generator makes (deterministic, committed)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(text);
  });

  it('each verifies to its recorded codes', () => {
    expect(committed.vectors.length).toBeGreaterThan(10);
    for (const v of committed.vectors) {
      const report = verifyBundle(v.bundle, committed.trust);
      const codes = [...new Set(report.checks.flatMap((c) => (c.ok ? [] : [c.code as BundleErrorCode])))].sort();
      expect(codes, v.name).toEqual(v.codes);
      expect(report.ok, v.name).toBe(v.codes.length === 0);
    }
  });
});
