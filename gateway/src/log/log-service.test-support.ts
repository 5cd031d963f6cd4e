/** Shared fixtures for the log engine's tests: a key, fast limits, temp dirs and leaf helpers. */
import { generateEd25519Key, isElcError, newVerifier, type HashProvider, type NoteVerifier } from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createLogService } from './log-service.js';
import { nativeLogSigner } from './native-signer.js';
import type { LogStore } from './store.js';
import type { Timers } from './batcher.js';
import type { AppendEntry, LogLimits, LogService, LogSigner } from './types.js';

export const ORIGIN = 'elc.example.cn/test-log';
export const KEY = generateEd25519Key(ORIGIN);
export const verifier: NoteVerifier = newVerifier(KEY.vkey);
/** One signer per test file. */
export const SIGNER = nativeLogSigner(KEY.skey);

/** Small ages and intervals so tests run fast; no test asserts on timing. */
export const FAST: LogLimits = { batchMaxAgeMs: 2, checkpointIntervalMs: 5 };

export function openService(
  store: LogStore,
  extra: { limits?: LogLimits; hashProvider?: HashProvider; clock?: () => number; hashAlg?: 'sha256' | 'sm3'; signer?: LogSigner } = {},
): Promise<LogService> {
  return createLogService({
    store,
    hashAlg: extra.hashAlg ?? 'sha256',
    origin: ORIGIN,
    signer: extra.signer ?? SIGNER,
    verifierKey: KEY.vkey,
    limits: extra.limits ?? FAST,
    ...(extra.hashProvider ? { hashProvider: extra.hashProvider } : {}),
    ...(extra.clock ? { clock: extra.clock } : {}),
  });
}

export const leaf = (i: number, variant = ''): Uint8Array => new TextEncoder().encode(`{"v":1,"n":${i}${variant}}`);
export const entries = (from: number, n: number, variant = ''): AppendEntry[] =>
  Array.from({ length: n }, (_, k) => ({ id: `e-${from + k}`, leaf: leaf(from + k, variant) }));

/** A SHA-256 provider that counts its calls. */
export function countingProvider(): HashProvider & { calls: number } {
  const inner = nativeHashProvider('sha256');
  const p = {
    alg: inner.alg,
    outputLength: inner.outputLength,
    calls: 0,
    hash(...parts: Uint8Array[]): Uint8Array {
      p.calls++;
      return inner.hash(...parts);
    },
  };
  return p;
}

export async function tempDir(cleanup: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'elc-log-'));
  cleanup.push(dir);
  return dir;
}

export async function removeAll(dirs: string[]): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export async function expectCode(p: Promise<unknown> | (() => unknown), code: string): Promise<void> {
  let e: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    e = err;
  }
  expect(isElcError(e, code), `expected ${code}, got ${String(e)}`).toBe(true);
}

/** A manual clock: timers fire only when the test advances time. */
export function manualTimers(): Timers & { advance(ms: number): Promise<void> } {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      pending.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void pending.delete(h as number),
    async advance(ms) {
      now += ms;
      for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now && pending.delete(id)) t.fn();
      }
      await settle();
    },
  };
}

export const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

