// Field schemas shared by the event types. Each one refuses what cannot be right (wrong alphabet,
// impossible dates, bad check characters) so that a leaf, once in the log, is known to be well formed.
import { z } from 'zod';
import { isDocHash } from './doc-hash.js';
import { personalDataInText } from './personal-data.js';
import { isValidRegionCode } from '../ids/region.js';
import { isValidUscc } from '../ids/uscc.js';
import { isIsoDate, isRfc3339Utc } from './time.js';

/** zod issue params marking a personal-data finding, so the parser can give it its own code. */
export const PERSONAL_DATA_PARAMS = { elcCode: 'EVIDENCE_PERSONAL_DATA' } as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL_CHAR = /[\u0000-\u001F\u007F]/;

function screenPersonalData(value: string, ctx: z.RefinementCtx): void {
  const found = personalDataInText(value);
  if (found !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: found === 'id_number' ? 'value looks like a citizen ID number (GB 11643)' : 'value looks like a mobile phone number',
      params: PERSONAL_DATA_PARAMS,
    });
  }
}

/**
 * Free text (TSA names, notes, case references): well-formed Unicode without control characters,
 * bounded, and screened for ID and mobile numbers.
 */
export function freeText(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s) && !CONTROL_CHAR.test(s), 'text must be well-formed Unicode without control characters')
    .superRefine(screenPersonalData);
}

/**
 * Identifiers chosen by clients (event ids, org ids): a safe ASCII alphabet. Screened too, since
 * an identifier built from a phone or ID number is personal data all the same.
 */
export function identifier(max: number) {
  return z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9._:-]{1,${max}}$`), `1..${max} characters of [A-Za-z0-9._:-]`)
    .superRefine(screenPersonalData);
}

/** The contract number as its employer names it (Shandong spec: String(100)); screened as free text. */
export const contractIdField = freeText(100);

/** GB 32100-2015 unified social credit code: structure and check character (core/ids). */
export const usccField = z.string().refine(isValidUscc, 'employer must be an 18-character USCC (GB 32100-2015) with a valid structure and check character');

/** A worker is only ever a commitment (see commitment.ts), never an ID number. */
export const WORKER_COMMITMENT_PATTERN = /^hmac-sha256:[0-9a-f]{64}$/;
export const workerField = z.string().regex(WORKER_COMMITMENT_PATTERN, 'worker must be hmac-sha256:<64 lowercase hex> (workerCommitment)');

export const docHashField = z.string().refine(isDocHash, 'must be sha256:<64 hex> or sm3:<64 hex>, lowercase');
export const timeField = z.string().refine(isRfc3339Utc, 'must be an RFC 3339 UTC time with Z, e.g. 2026-11-22T08:00:00.000Z');
export const dateField = z.string().refine(isIsoDate, 'must be a real date yyyy-mm-dd');
export const regionField = z.string().refine(isValidRegionCode, 'must be a six-digit GB/T 2260 code of a known province');

/** Lowercase hex of bounded length (certificate serial numbers: RFC 5280 allows up to 20 octets). */
export function hexField(maxChars: number) {
  return z.string().regex(new RegExp(`^[0-9a-f]{1,${maxChars}}$`), `1..${maxChars} lowercase hex digits`);
}

/** Codes from a regional or platform code list (e.g. Shandong 解除情形, 3 characters). */
export const codeField = z.string().regex(/^[A-Za-z0-9_]{1,16}$/, '1..16 characters of [A-Za-z0-9_]');

export const PARTIES = ['employer', 'worker', 'platform', 'bureau', 'arbitration', 'regulator'] as const;
export type Party = (typeof PARTIES)[number];
