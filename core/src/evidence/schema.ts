// Evidence event schema v1: one zod strict object per event type, joined on `type`.
// Article numbers (art. N) are those of the MOHRSS 《电子劳动合同订立指引》 (人社厅发〔2021〕54号);
// LCL is the Labor Contract Law (《劳动合同法》). Every object is strict: unknown keys are refused.
import { z } from 'zod';
import { LEGAL_BASES, TOKEN_ROLES } from '../access/policy.js';
import {
  PARTIES,
  codeField,
  contractIdField,
  dateField,
  docHashField,
  freeText,
  hexField,
  identifier,
  regionField,
  timeField,
  usccField,
  workerField,
} from './fields.js';

export const EVIDENCE_SCHEMA_VERSION = 1;

/** Art. 7: 数字证书、联网信息核验、生物特征识别验证、手机短信息验证码, and 电子社保卡 实人实名认证. */
export const IDENTITY_METHODS = ['digital_certificate', 'online_id_check', 'biometrics', 'sms_code', 'e_social_security_card'] as const;
/** Art. 10: 手机短信、微信、电子邮件或者 APP 信息提示. */
export const NOTIFICATION_CHANNELS = ['sms', 'wechat', 'email', 'app'] as const;
/** Art. 12: 常用设备 — how a document was reached. */
export const ACCESS_CHANNELS = ['web', 'app', 'wechat', 'api'] as const;
/** LCL art. 12: fixed term, open-ended, or for the completion of a task. */
export const TERM_KINDS = ['fixed', 'open_ended', 'task_based'] as const;
/** LCL art. 35 / 17: the clauses an amendment may change. */
export const AMENDED_CLAUSES = ['term', 'job', 'workplace', 'working_hours', 'remuneration', 'social_insurance', 'labor_protection', 'other'] as const;
/** Who read evidence: a caller's role, from the one list of token roles (access/policy.ts). */
export const ACCESS_ROLES = TOKEN_ROLES;

export const EVENT_TYPES = [
  'identity.verified',
  'intent.confirmed',
  'signature.applied',
  'timestamp.issued',
  'worker.notified',
  'document.viewed',
  'document.downloaded',
  'paper_copy.issued',
  'paper_contract.uploaded',
  'contract.concluded',
  'contract.renewed',
  'contract.amended',
  'contract.rescinded',
  'contract.terminated',
  'evidence.accessed',
] as const;
export type EvidenceEventType = (typeof EVENT_TYPES)[number];

/** Fields every event has. `worker`, `docHash` and `party` vary by type and are set per type. */
const common = {
  v: z.literal(EVIDENCE_SCHEMA_VERSION),
  /** Client-chosen event id: a retry with the same id is the same event (idempotency). */
  id: identifier(128),
  contractId: contractIdField,
  employer: usccField,
  time: timeField,
  region: regionField,
};

const signingParty = z.enum(['employer', 'worker']);

function requireWorkerForWorkerParty(e: { party: string; worker?: string | undefined }, ctx: z.RefinementCtx): void {
  if (e.party === 'worker' && e.worker === undefined) {
    ctx.addIssue({ code: 'custom', path: ['worker'], message: 'worker is required when the party is the worker' });
  }
}

/** Art. 7: identity of a signing party verified; the record of the check is kept (recordHash). */
const identityVerified = z
  .strictObject({
    ...common,
    type: z.literal('identity.verified'),
    party: signingParty,
    worker: workerField.optional(),
    docHash: docHashField.optional(),
    data: z.strictObject({
      method: z.enum(IDENTITY_METHODS),
      result: z.enum(['passed', 'failed']),
      recordHash: docHashField.optional(),
    }),
  })
  .superRefine(requireWorkerForWorkerParty);

/** Art. 7 (签署意愿): a party confirmed the will to sign this document. */
const intentConfirmed = z
  .strictObject({
    ...common,
    type: z.literal('intent.confirmed'),
    party: signingParty,
    worker: workerField.optional(),
    docHash: docHashField,
    data: z.strictObject({
      method: z.enum(IDENTITY_METHODS),
      recordHash: docHashField.optional(),
    }),
  })
  .superRefine(requireWorkerForWorkerParty);

/**
 * Art. 8, 9: a reliable electronic signature applied with a certificate from a licensed CA.
 * The certificate is named by serial and issuer fingerprint (hashes and numbers, never names).
 * `party` is who applied it: the signer, or the platform for hosted (托管) signing keys; an
 * employer can never apply the worker's signature or the reverse.
 */
const signatureApplied = z
  .strictObject({
    ...common,
    type: z.literal('signature.applied'),
    party: z.enum(['employer', 'worker', 'platform']),
    worker: workerField.optional(),
    docHash: docHashField,
    data: z.strictObject({
      signer: signingParty,
      certSerial: hexField(40),
      issuerFingerprint: docHashField,
      signatureHash: docHashField.optional(),
    }),
  })
  .superRefine((e, ctx) => {
    if (e.party !== 'platform' && e.party !== e.data.signer) {
      ctx.addIssue({ code: 'custom', path: ['data', 'signer'], message: 'a party can only apply its own signature' });
    }
    if (e.data.signer === 'worker' && e.worker === undefined) {
      ctx.addIssue({ code: 'custom', path: ['worker'], message: 'worker is required for the worker signature' });
    }
  });

/** Art. 9: the signed contract carries a trusted timestamp (可信时间戳) from a TSA. */
const timestampIssued = z.strictObject({
  ...common,
  type: z.literal('timestamp.issued'),
  party: z.enum(['platform', 'employer']),
  worker: workerField.optional(),
  docHash: docHashField,
  data: z.strictObject({
    tsa: freeText(100),
    tokenHash: docHashField,
    genTime: timeField,
  }),
});

/** Art. 10: the employer told the worker that the contract is concluded, by SMS, WeChat, e-mail or app. */
const workerNotified = z.strictObject({
  ...common,
  type: z.literal('worker.notified'),
  party: z.enum(['employer', 'platform']),
  worker: workerField,
  docHash: docHashField.optional(),
  data: z.strictObject({
    channel: z.enum(NOTIFICATION_CHANNELS),
    messageHash: docHashField.optional(),
  }),
});

const documentAccess = {
  ...common,
  party: signingParty,
  worker: workerField.optional(),
  docHash: docHashField,
  data: z.strictObject({ via: z.enum(ACCESS_CHANNELS) }),
};

/** Art. 11, 12: a party viewed the full contract text. */
const documentViewed = z.strictObject({ ...documentAccess, type: z.literal('document.viewed') }).superRefine(requireWorkerForWorkerParty);

/** Art. 11, 12: a party downloaded the contract text (free of charge). */
const documentDownloaded = z.strictObject({ ...documentAccess, type: z.literal('document.downloaded') }).superRefine(requireWorkerForWorkerParty);

/** Art. 13: the employer gave the worker a paper copy, sealed to certify it matches the original. */
const paperCopyIssued = z.strictObject({
  ...common,
  type: z.literal('paper_copy.issued'),
  party: z.literal('employer'),
  worker: workerField,
  docHash: docHashField,
  data: z.strictObject({
    copies: z.number().int().min(1).max(100),
    sealed: z.boolean(),
  }),
});

/** Art. 15, 16 (and the regional notices): a scan of a contract concluded on paper, brought into the log. */
const paperContractUploaded = z.strictObject({
  ...common,
  type: z.literal('paper_contract.uploaded'),
  party: z.enum(['employer', 'platform', 'bureau']),
  worker: workerField,
  docHash: docHashField,
  data: z.strictObject({
    pages: z.number().int().min(1).max(10_000),
    signedDate: dateField,
  }),
});

const term = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed'), start: dateField, end: dateField }),
    z.strictObject({ kind: z.literal('open_ended'), start: dateField }),
    z.strictObject({ kind: z.literal('task_based'), start: dateField, end: dateField.optional() }),
  ])
  .superRefine((t, ctx) => {
    if ('end' in t && t.end !== undefined && t.end < t.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'term end is before its start' });
    }
  });

/** Who records lifecycle transitions: the employer, its platform, or the bureau's own platform (art. 15). */
const recordingParty = z.enum(['employer', 'platform', 'bureau']);

/** Art. 2, 9: the contract is concluded — signed by both parties, in force from effectiveDate. */
const contractConcluded = z.strictObject({
  ...common,
  type: z.literal('contract.concluded'),
  party: recordingParty,
  worker: workerField,
  docHash: docHashField,
  data: z.strictObject({ effectiveDate: dateField, term }),
});

/** LCL art. 14, 46 (Shandong spec §4 续签): a new term; previousDocHash names the contract it follows. */
const contractRenewed = z.strictObject({
  ...common,
  type: z.literal('contract.renewed'),
  party: recordingParty,
  worker: workerField,
  docHash: docHashField,
  data: z.strictObject({ effectiveDate: dateField, term, previousDocHash: docHashField.optional() }),
});

/** LCL art. 35: an agreed amendment (变更) in writing; docHash is the amendment. */
const contractAmended = z.strictObject({
  ...common,
  type: z.literal('contract.amended'),
  party: recordingParty,
  worker: workerField,
  docHash: docHashField,
  data: z.strictObject({
    effectiveDate: dateField,
    clauses: z.array(z.enum(AMENDED_CLAUSES)).min(1).max(AMENDED_CLAUSES.length),
  }),
});

/** Rescission / termination details (Shandong spec §3, §5: 情形, 日期, 告知时间, 发起方, 理由). */
const endingData = z.strictObject({
  effectiveDate: dateField,
  /** The regional or platform code of the ground (e.g. Shandong 解除情形 / 终止情形). */
  reasonCode: codeField,
  initiator: signingParty,
  noticeDate: dateField.optional(),
  /** Free text (Shandong 终止理由, String(500)); screened for ID and phone numbers. */
  note: freeText(500).optional(),
});

/** LCL art. 36-41: the contract is rescinded (解除), docHash names the rescission notice or agreement. */
const contractRescinded = z.strictObject({
  ...common,
  type: z.literal('contract.rescinded'),
  party: recordingParty,
  worker: workerField,
  docHash: docHashField.optional(),
  data: endingData,
});

/** LCL art. 44: the contract is terminated (终止), e.g. at the end of its term. */
const contractTerminated = z.strictObject({
  ...common,
  type: z.literal('contract.terminated'),
  party: recordingParty,
  worker: workerField,
  docHash: docHashField.optional(),
  data: endingData,
});

/**
 * Art. 16, 19 and invariant 3: every read of a contract's evidence or personal data is itself
 * logged — by organisation id and role with its legal basis, never by a person's name.
 */
const evidenceAccessed = z.strictObject({
  ...common,
  type: z.literal('evidence.accessed'),
  party: z.enum(PARTIES),
  worker: workerField.optional(),
  docHash: docHashField.optional(),
  data: z.strictObject({
    org: identifier(64),
    role: z.enum(ACCESS_ROLES),
    legalBasis: z.enum(LEGAL_BASES),
    /** Case or file number at the accessing body (e.g. an arbitration case number). */
    reference: freeText(100).optional(),
  }),
});

/** The v1 evidence event: the leaf of the log, once canonically encoded (leaf.ts). */
export const evidenceEventSchema = z.discriminatedUnion('type', [
  identityVerified,
  intentConfirmed,
  signatureApplied,
  timestampIssued,
  workerNotified,
  documentViewed,
  documentDownloaded,
  paperCopyIssued,
  paperContractUploaded,
  contractConcluded,
  contractRenewed,
  contractAmended,
  contractRescinded,
  contractTerminated,
  evidenceAccessed,
]);

export type EvidenceEvent = z.infer<typeof evidenceEventSchema>;
/** The event of one type, e.g. `EvidenceEventOf<'contract.concluded'>`. */
export type EvidenceEventOf<T extends EvidenceEventType> = Extract<EvidenceEvent, { type: T }>;
