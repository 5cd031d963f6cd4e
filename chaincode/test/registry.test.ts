// RegisterLog, RotateLogKey and GetLog through the real contract router.
import { generateSm2Key } from '@elc/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { ok, refused } from './support/harness.js';
import type { ContractHarness } from './support/harness.js';
import { ids } from './support/identities.js';
import { bootstrappedHarness } from './support/orgs.js';
import { logKey } from './support/test-log.js';

const ORIGIN = 'elc.example/log/shandong';

interface LogJson {
  origin: string;
  hashAlg: string;
  region: string;
  mspId: string;
  txId: string;
  timestamp: string;
  keys: { vkey: string; keyName: string; keyId: string; sinceSize: number; txId: string }[];
}

describe('RegisterLog', () => {
  let h: ContractHarness;
  beforeEach(async () => {
    h = await bootstrappedHarness({ start: new Date('2026-03-01T08:00:00.000Z') });
  });

  it('registers a log with its key, algorithm and region, records the submitter, emits one event', async () => {
    const key = logKey(ORIGIN);
    const r = await h.submit(ids.bureau, 'RegisterLog', ORIGIN, key.vkey, 'sha256', '370000');
    const log = ok<LogJson>(r);
    expect(log).toMatchObject({ origin: ORIGIN, hashAlg: 'sha256', region: '370000', mspId: 'BureauMSP', txId: r.txId, timestamp: '2026-03-01T08:00:00.000Z' });
    expect(log.keys).toEqual([{ vkey: key.vkey, keyName: ORIGIN, keyId: key.vkey.split('+')[1], sinceSize: 0, txId: r.txId, timestamp: '2026-03-01T08:00:00.000Z' }]);
    expect(r.event).toEqual({ name: 'elc.log.registered', payload: log });
    expect(ok(await h.evaluate(ids.regulator, 'GetLog', ORIGIN))).toEqual(log);
  });

  it('registers an SM3 log with an SM2 key', async () => {
    const key = generateSm2Key(ORIGIN);
    expect(ok<LogJson>(await h.submit(ids.bureau, 'RegisterLog', ORIGIN, key.vkey, 'sm3', '370000')).hashAlg).toBe('sm3');
  });

  it('is idempotent for the same registration and refuses any other for the origin', async () => {
    const key = logKey(ORIGIN);
    const first = ok<LogJson>(await h.submit(ids.bureau, 'RegisterLog', ORIGIN, key.vkey, 'sha256', '370000'));
    const again = await h.submit(ids.bureau, 'RegisterLog', ORIGIN, key.vkey, 'sha256', '370000');
    expect(ok(again)).toEqual(first);
    expect(again.writtenKeys).toEqual([]);
    expect(again.event).toBeUndefined();
    expect(refused(await h.submit(ids.bureau, 'RegisterLog', ORIGIN, logKey(ORIGIN).vkey, 'sha256', '370000')).code).toBe('LOG_EXISTS');
    expect(refused(await h.submit(ids.bureau, 'RegisterLog', ORIGIN, key.vkey, 'sha256', '370100')).code).toBe('LOG_EXISTS');
    expect(refused(await h.submit(ids.bureau, 'RegisterLog', ORIGIN, key.vkey, 'sm3', '370000'))).toMatchObject({ code: 'HASH_ALG_MISMATCH', field: 'hashAlg' });
    expect(ok(await h.evaluate(ids.bureau, 'GetLog', ORIGIN))).toEqual(first);
  });

  it.each([
    ['vendor', ids.vendorShandong],
    ['arbitration', ids.arbitration],
    ['regulator', ids.regulator],
  ])('is refused to the %s role', async (_role, who) => {
    const before = h.world.keys();
    const r = await h.submit(who, 'RegisterLog', ORIGIN, logKey(ORIGIN).vkey, 'sha256', '370000');
    expect(refused(r).code).toBe('ACCESS_DENIED');
    expect(h.world.keys()).toEqual(before);
  });

  it.each([
    ['origin', ['', logKey('x').vkey, 'sha256', '370000']],
    ['origin', [' padded', logKey('x').vkey, 'sha256', '370000']],
    ['origin', ['two\nlines', logKey('x').vkey, 'sha256', '370000']],
    ['vkey', [ORIGIN, 'not a key', 'sha256', '370000']],
    ['vkey', [ORIGIN, '', 'sha256', '370000']],
    ['hashAlg', [ORIGIN, logKey(ORIGIN).vkey, 'SHA-256', '370000']],
    ['region', [ORIGIN, logKey(ORIGIN).vkey, 'sha256', 'shandong']],
    ['region', [ORIGIN, logKey(ORIGIN).vkey, 'sha256', '990000']],
  ])('refuses a bad %s with INVALID_ARGUMENT', async (field, args) => {
    expect(refused(await h.submit(ids.bureau, 'RegisterLog', ...args))).toMatchObject({ code: 'INVALID_ARGUMENT', field });
  });

  it('refuses a wrong number of arguments (the router, not JSON)', async () => {
    const r = await h.submit(ids.bureau, 'RegisterLog', ORIGIN);
    expect(r.status).toBe(500);
    expect(r.message).toMatch(/Expected 4 parameters/);
  });
});

describe('RotateLogKey', () => {
  it('adds the new key after the old one, from the latest anchored size', async () => {
    const h = await bootstrappedHarness();
    const k1 = logKey(ORIGIN);
    const k2 = logKey(ORIGIN);
    ok(await h.submit(ids.bureau, 'RegisterLog', ORIGIN, k1.vkey, 'sha256', '370000'));
    const r = await h.submit(ids.bureau, 'RotateLogKey', ORIGIN, k2.vkey);
    const log = ok<LogJson>(r);
    expect(log.keys.map((k) => [k.vkey, k.sinceSize])).toEqual([
      [k1.vkey, 0],
      [k2.vkey, 0],
    ]);
    expect(r.event?.name).toBe('elc.log.keyRotated');
    expect(refused(await h.submit(ids.bureau, 'RotateLogKey', ORIGIN, k1.vkey))).toMatchObject({ code: 'KEY_UNCHANGED', field: 'vkey' });
    expect(refused(await h.submit(ids.bureau, 'RotateLogKey', 'elc.example/other', k2.vkey)).code).toBe('LOG_UNKNOWN');
    expect(refused(await h.submit(ids.vendorShandong, 'RotateLogKey', ORIGIN, logKey(ORIGIN).vkey)).code).toBe('ACCESS_DENIED');
  });
});

describe('GetLog', () => {
  it('answers LOG_UNKNOWN for an unregistered origin, to every role', async () => {
    const h = await bootstrappedHarness();
    for (const who of [ids.bureau, ids.vendorJinan, ids.arbitration, ids.regulator]) {
      expect(refused(await h.evaluate(who, 'GetLog', ORIGIN))).toMatchObject({ code: 'LOG_UNKNOWN', field: 'origin' });
    }
  });
});
