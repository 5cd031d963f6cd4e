/**
 * The one access policy: who may do what to which resource, as a table (POLICY) and one pure
 * decide(). The gateway asks it on every route; the generated end-to-end matrix, the security
 * doc's table and the tests read the same table, so the rule, its test and its documentation
 * cannot drift apart.
 *
 * A principal is a token's caller: role, org, region (GB/T 2260), and for a worker the
 * commitment of the identity his token asserts. A resource carries what the decision needs to
 * know about it (its region, its employer, whether the caller's platform holds a mandate for that
 * employer, the worker commitments of a contract). Reads of contract or personal data are
 * disclosed to a party of the contract (the employer, the worker, a platform the employer
 * mandated) on the basis `contract_party`, and to an authority (bureau, arbitration, regulator)
 * whose region covers the contract's only with a legal basis the caller states; every such read
 * is logged as an evidence.accessed event before it is answered.
 */
import { regionCovers } from './regions.js';

/** The roles a token may carry: the org roles of the chain, and the two parties of a contract. */
export const TOKEN_ROLES = ['bureau', 'vendor', 'arbitration', 'regulator', 'employer', 'worker'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** Why evidence is read (MOHRSS guideline art. 16, 19: 法律法规授权机构, 信息主体同意). */
export const LEGAL_BASES = ['arbitration_case', 'labor_inspection', 'social_insurance_audit', 'court_order', 'subject_consent', 'contract_party'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** The bases an authority may state (a party's own read is always contract_party). */
export const AUTHORITY_BASES: readonly LegalBasis[] = ['arbitration_case', 'labor_inspection', 'social_insurance_audit', 'court_order', 'subject_consent'];

export interface AccessPrincipal {
  readonly role: TokenRole;
  readonly org: string;
  /** GB/T 2260 region of the caller's authority or org */
  readonly region: string;
  /** a worker's identity commitment (worker tokens only) */
  readonly worker?: string;
}

/** What a resource is, as the policy needs to know it. */
export type Resource =
  /** checkpoints, the log key, hash tiles: no contract data */
  | { readonly kind: 'log.public' }
  /** inclusion and consistency proofs: hashes only */
  | { readonly kind: 'log.proof' }
  /** anchor records of the ledger: hashes, tx ids, blocks */
  | { readonly kind: 'anchors' }
  /** a contract's data: state, history, events (entries, entry tiles), bundle, who read it */
  | { readonly kind: 'contract'; readonly employer: string; readonly region: string; readonly workers: readonly string[]; readonly mandated: boolean }
  /** a contract's worker as the Shandong interface holds him: name, ID number, phone */
  | { readonly kind: 'worker.personal'; readonly employer: string; readonly region: string }
  /** pages of the Shandong export stream (records with personal data) of the caller's region */
  | { readonly kind: 'export'; readonly region: string }
  /** recording evidence events, lifecycle transitions or Shandong records for an employer */
  | { readonly kind: 'evidence.write'; readonly employer: string; readonly region: string; readonly mandated: boolean }
  /** granting or revoking a platform's mandate for an employer */
  | { readonly kind: 'mandate'; readonly employer: string; readonly region: string }
  /** turning an identity into its worker commitment */
  | { readonly kind: 'commitment' }
  /** the upstream forwarding's status */
  | { readonly kind: 'sync.status' };

export type ResourceKind = Resource['kind'];

/** How a role is ruled for a resource kind. */
export type Rule =
  /** always (no token needed for log.public) */
  | 'any'
  /** never */
  | 'deny'
  /** the caller's region covers the resource's */
  | 'region'
  /** the caller's region covers the resource's, and a legal basis is stated */
  | 'region+basis'
  /** the employer mandated the caller's platform (org) */
  | 'mandate'
  /** the caller is the employer (org = USCC) */
  | 'own-employer'
  /** the caller's commitment is one of the contract's workers */
  | 'own-worker';

export interface PolicyRow {
  readonly kind: ResourceKind;
  /** what the row governs, for people (the security doc) */
  readonly zh: string;
  readonly en: string;
  readonly rules: Readonly<Record<TokenRole, Rule>>;
  /** granted reads are logged as evidence.accessed */
  readonly logged: boolean;
}

/** The policy table (docs/security.md prints it). */
export const POLICY: readonly PolicyRow[] = [
  {
    kind: 'log.public',
    zh: '检查点、日志公钥、哈希瓦片（不含合同数据）',
    en: 'checkpoints, the log key, hash tiles (no contract data)',
    rules: { bureau: 'any', vendor: 'any', arbitration: 'any', regulator: 'any', employer: 'any', worker: 'any' },
    logged: false,
  },
  {
    kind: 'log.proof',
    zh: '包含证明与一致性证明（仅哈希）',
    en: 'inclusion and consistency proofs (hashes only)',
    rules: { bureau: 'any', vendor: 'any', arbitration: 'any', regulator: 'any', employer: 'any', worker: 'any' },
    logged: false,
  },
  {
    kind: 'anchors',
    zh: '上链锚定记录',
    en: 'anchor records on the ledger',
    rules: { bureau: 'any', vendor: 'any', arbitration: 'any', regulator: 'any', employer: 'any', worker: 'any' },
    logged: false,
  },
  {
    kind: 'contract',
    zh: '合同数据：状态、历史、存证事件（日志条目、条目瓦片）、证据包、查阅记录',
    en: "a contract's data: state, history, events (entries, entry tiles), bundle, who read it",
    rules: { bureau: 'region+basis', vendor: 'mandate', arbitration: 'region+basis', regulator: 'region+basis', employer: 'own-employer', worker: 'own-worker' },
    logged: true,
  },
  {
    kind: 'worker.personal',
    zh: '劳动者个人信息（姓名、证件号码、手机号）',
    en: "the worker's personal data (name, ID number, phone)",
    rules: { bureau: 'region+basis', vendor: 'deny', arbitration: 'region+basis', regulator: 'deny', employer: 'deny', worker: 'deny' },
    logged: true,
  },
  {
    kind: 'export',
    zh: '山东接口数据导出（含个人信息）',
    en: 'the Shandong export stream (with personal data)',
    rules: { bureau: 'region+basis', vendor: 'deny', arbitration: 'deny', regulator: 'deny', employer: 'deny', worker: 'deny' },
    logged: true,
  },
  {
    kind: 'evidence.write',
    zh: '报送存证事件、合同变动、山东接口数据',
    en: 'recording evidence events, lifecycle transitions, Shandong records',
    rules: { bureau: 'region', vendor: 'mandate', arbitration: 'deny', regulator: 'deny', employer: 'deny', worker: 'deny' },
    logged: false,
  },
  {
    kind: 'mandate',
    zh: '授权或撤销签署平台代为报送',
    en: "granting or revoking a platform's mandate for an employer",
    rules: { bureau: 'region', vendor: 'deny', arbitration: 'deny', regulator: 'deny', employer: 'own-employer', worker: 'deny' },
    logged: false,
  },
  {
    kind: 'commitment',
    zh: '计算劳动者身份承诺值',
    en: "computing a worker's identity commitment",
    rules: { bureau: 'any', vendor: 'any', arbitration: 'deny', regulator: 'deny', employer: 'deny', worker: 'deny' },
    logged: false,
  },
  {
    kind: 'sync.status',
    zh: '向上级平台同步的状态',
    en: 'the status of forwarding to the upstream platform',
    rules: { bureau: 'any', vendor: 'deny', arbitration: 'deny', regulator: 'any', employer: 'deny', worker: 'deny' },
    logged: false,
  },
];

const ROWS: ReadonlyMap<ResourceKind, PolicyRow> = new Map(POLICY.map((r) => [r.kind, r]));

export function policyRow(kind: ResourceKind): PolicyRow {
  const row = ROWS.get(kind);
  if (row === undefined) throw new Error(`no policy row for ${kind}`);
  return row;
}

export type Decision =
  | {
      readonly allow: true;
      /** log an evidence.accessed event before answering */
      readonly logged: boolean;
      /** the basis the read is logged under */
      readonly basis: LegalBasis | undefined;
    }
  | {
      readonly allow: false;
      /** FORBIDDEN_ROLE, FORBIDDEN_REGION, FORBIDDEN_ORG, FORBIDDEN_MANDATE or LEGAL_BASIS_REQUIRED */
      readonly code: DenyCode;
      readonly message: string;
    };

export type DenyCode = 'FORBIDDEN_ROLE' | 'FORBIDDEN_REGION' | 'FORBIDDEN_ORG' | 'FORBIDDEN_MANDATE' | 'LEGAL_BASIS_REQUIRED';

function deny(code: DenyCode, message: string): Decision {
  return { allow: false, code, message };
}

function regionOf(r: Resource): string | undefined {
  return 'region' in r ? r.region : undefined;
}

/**
 * The decision for one principal, one resource and the legal basis the request states (if any).
 * A party's read is always on the basis contract_party; an authority's needs a stated basis.
 */
export function decide(p: AccessPrincipal, resource: Resource, basis?: LegalBasis): Decision {
  const row = policyRow(resource.kind);
  const rule = row.rules[p.role];
  const party = (): Decision => ({ allow: true, logged: row.logged, basis: row.logged ? 'contract_party' : undefined });
  switch (rule) {
    case 'any':
      return { allow: true, logged: row.logged, basis: row.logged ? (basis ?? 'contract_party') : undefined };
    case 'deny':
      return deny('FORBIDDEN_ROLE', `a ${p.role} may not use this (${row.en})`);
    case 'region':
    case 'region+basis': {
      const region = regionOf(resource);
      if (region === undefined || !regionCovers(p.region, region)) return deny('FORBIDDEN_REGION', `a ${p.role} of region ${p.region} may not reach region ${region ?? '?'}`);
      if (rule === 'region') return { allow: true, logged: row.logged, basis: row.logged ? basis : undefined };
      if (basis === undefined || basis === 'contract_party') return deny('LEGAL_BASIS_REQUIRED', `a ${p.role} must state the legal basis of this read (ELC-Legal-Basis: ${AUTHORITY_BASES.join(' | ')})`);
      return { allow: true, logged: row.logged, basis };
    }
    case 'mandate':
      return 'mandated' in resource && resource.mandated ? party() : deny('FORBIDDEN_MANDATE', 'the employer has not mandated this platform (a bureau or the employer grants the mandate)');
    case 'own-employer':
      return 'employer' in resource && resource.employer === p.org ? party() : deny('FORBIDDEN_ORG', 'an employer reaches only its own contracts');
    case 'own-worker':
      return resource.kind === 'contract' && p.worker !== undefined && resource.workers.includes(p.worker) ? party() : deny('FORBIDDEN_ORG', 'a worker reaches only his own contracts');
  }
}
