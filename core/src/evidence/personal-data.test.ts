import { describe, expect, it } from 'vitest';
import { isElcError } from '../errors.js';
import { SAMPLE_EVENTS, mutable, syntheticCitizenId } from './fixtures.test-support.js';
import { parseEvidenceEvent } from './parse.js';
import { findPersonalDataKeys, isPersonalDataKey, personalDataInText } from './personal-data.js';
import { EVENT_TYPES } from './schema.js';

// Synthetic, generated with a valid check digit: region 110101, 1990-01-01, sequence 001.
const CITIZEN_ID = syntheticCitizenId('11010119900101001');
// 13800000000-style: the 138 prefix with an obviously artificial subscriber number.
const MOBILE = '13800000000';

function codeAndField(input: unknown): [string, string | undefined] {
  try {
    parseEvidenceEvent(input);
  } catch (e) {
    if (isElcError(e)) return [e.code, e.field];
    throw e;
  }
  return ['OK', undefined];
}

describe('personal data screen', () => {
  it('flags personal-data key names in English and Chinese, whatever their case or separators', () => {
    for (const key of ['name', 'workerName', 'full_name', '姓名', 'idNumber', 'ID-No', 'id_card', '证件号码', '身份证号', 'phone', 'Mobile', 'tel', '电话', '联系电话', '手机号', 'email', 'e_mail', '电子邮箱', 'address', 'homeAddr', '住址', '地址', 'birthDate', 'dob']) {
      expect(isPersonalDataKey(key), key).toBe(true);
    }
  });

  it('never flags a key the schema itself uses', () => {
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== 'object') return;
      for (const [k, child] of Object.entries(v)) {
        keys.add(k);
        walk(child);
      }
    };
    for (const type of EVENT_TYPES) walk(SAMPLE_EVENTS[type]);
    for (const k of ['noticeDate', 'note', 'previousDocHash', 'signatureHash', 'messageHash', 'reference', 'legalBasis']) keys.add(k);
    expect(keys.size).toBeGreaterThan(30);
    expect([...keys].filter(isPersonalDataKey)).toEqual([]);
  });

  it('finds ID numbers (with or without a valid check digit) and mobile numbers in text', () => {
    expect(personalDataInText(`工号 ${CITIZEN_ID}`)).toBe('id_number');
    expect(personalDataInText(CITIZEN_ID.slice(0, 17) + (CITIZEN_ID.endsWith('0') ? '1' : '0'))).toBe('id_number');
    expect(personalDataInText(CITIZEN_ID.toLowerCase())).toBe('id_number');
    expect(personalDataInText(MOBILE)).toBe('mobile_number');
    expect(personalDataInText('+86 138-0000-0000')).toBe('mobile_number');
    expect(personalDataInText('call 8613800000000')).toBe('mobile_number');
    // Not personal data: too long a digit run, an impossible province, order numbers, fixed lines.
    expect(personalDataInText(`${MOBILE}1`)).toBeUndefined();
    expect(personalDataInText('12800000000')).toBeUndefined();
    expect(personalDataInText(`99${CITIZEN_ID.slice(2)}`)).toBeUndefined();
    expect(personalDataInText('HT-2026-0001')).toBeUndefined();
    expect(personalDataInText('0350-3333633')).toBeUndefined();
  });

  it('refuses personal-data keys anywhere with EVIDENCE_PERSONAL_DATA and the path', () => {
    expect(codeAndField({ ...SAMPLE_EVENTS['contract.concluded'], workerName: 'x' })).toEqual(['EVIDENCE_PERSONAL_DATA', 'workerName']);
    const e = mutable(SAMPLE_EVENTS['contract.concluded']);
    (e.data.term as Record<string, unknown>)['证件号码'] = 'x';
    expect(codeAndField(e)).toEqual(['EVIDENCE_PERSONAL_DATA', 'data.term.证件号码']);
    const arr = mutable(SAMPLE_EVENTS['contract.amended']);
    arr.data.clauses = [{ phone: 'x' }];
    expect(codeAndField(arr)).toEqual(['EVIDENCE_PERSONAL_DATA', 'data.clauses.0.phone']);
  });

  it('refuses ID and mobile numbers in free-text and identifier fields', () => {
    const r = mutable(SAMPLE_EVENTS['contract.rescinded']);
    r.data.note = `员工身份证 ${CITIZEN_ID}`;
    expect(codeAndField(r)).toEqual(['EVIDENCE_PERSONAL_DATA', 'data.note']);
    expect(codeAndField({ ...SAMPLE_EVENTS['contract.concluded'], contractId: `HT-${CITIZEN_ID}` })).toEqual(['EVIDENCE_PERSONAL_DATA', 'contractId']);
    expect(codeAndField({ ...SAMPLE_EVENTS['contract.concluded'], id: `evt-${MOBILE}` })).toEqual(['EVIDENCE_PERSONAL_DATA', 'id']);
    const a = mutable(SAMPLE_EVENTS['evidence.accessed']);
    a.data.reference = `tel ${MOBILE}`;
    expect(codeAndField(a)).toEqual(['EVIDENCE_PERSONAL_DATA', 'data.reference']);
  });

  it('does not screen hash fields, whose hex often holds long digit runs', () => {
    const e = { ...SAMPLE_EVENTS['contract.concluded'], docHash: `sha256:${MOBILE}${CITIZEN_ID.slice(0, 17)}${'0'.repeat(36)}` };
    expect(codeAndField(e)).toEqual(['OK', undefined]);
  });

  it('refuses input nested deeper than any event instead of walking it', () => {
    let deep: Record<string, unknown> = {};
    const root = { ...SAMPLE_EVENTS['contract.concluded'], data: deep };
    for (let i = 0; i < 10_000; i++) {
      const next = {};
      deep.x = next;
      deep = next;
    }
    expect(findPersonalDataKeys(root).tooDeep).toBeDefined();
    expect(codeAndField(root)[0]).toBe('EVIDENCE_INVALID');
  });
});
