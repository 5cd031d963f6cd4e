// Cross-field rules taken from the Labor Contract Law (中华人民共和国劳动合同法). They check that a
// record is consistent with itself; whether it is lawful against the ledger's history (an active
// contract, the start date) is the ledger's job, and whether the employer obeyed the law (notice
// periods, severance) is not a data-intake question at all.

/** 解除合同发起方 values printed by the spec: 1 劳动者, 2 单位. */
export const INITIATOR_WORKER = '1';
export const INITIATOR_UNIT = '2';
export type Initiator = typeof INITIATOR_WORKER | typeof INITIATOR_UNIT;

/**
 * Which party initiates a rescission for each reason code of table E. Codes not listed (710, 999)
 * carry no constraint.
 *
 *  361 worker — 第36条 协商一致, proposed by the worker (no severance, 第46条第二项 a contrario)
 *  362 unit   — 第36条 协商一致, proposed by the unit (severance, 第46条第二项)
 *  370 worker — 第37条 the worker gives 30 days' (probation: 3 days') written notice
 *  381–386 worker — 第38条第一款: the worker may rescind when the unit fails its duties
 *  387 worker — 第38条第二款: force, threats or orders endangering safety; the worker may leave at once
 *  391–396 unit — 第39条: the unit rescinds for the worker's fault
 *  401–403 unit — 第40条: the unit rescinds without fault, with 30 days' notice or a month's pay
 *  411–414 unit — 第41条: economic layoff (经济性裁员) by the unit
 *  710 none   — 第71条: either party to 非全日制用工 may end it at any time
 *  999 none   — other cases: unknown, so nothing to check
 */
export const DEFAULT_RESCISSION_INITIATORS: Readonly<Record<string, Initiator>> = {
  '361': INITIATOR_WORKER,
  '362': INITIATOR_UNIT,
  '370': INITIATOR_WORKER,
  '381': INITIATOR_WORKER,
  '382': INITIATOR_WORKER,
  '383': INITIATOR_WORKER,
  '384': INITIATOR_WORKER,
  '385': INITIATOR_WORKER,
  '386': INITIATOR_WORKER,
  '387': INITIATOR_WORKER,
  '391': INITIATOR_UNIT,
  '392': INITIATOR_UNIT,
  '393': INITIATOR_UNIT,
  '394': INITIATOR_UNIT,
  '395': INITIATOR_UNIT,
  '396': INITIATOR_UNIT,
  '401': INITIATOR_UNIT,
  '402': INITIATOR_UNIT,
  '403': INITIATOR_UNIT,
  '411': INITIATOR_UNIT,
  '412': INITIATOR_UNIT,
  '413': INITIATOR_UNIT,
  '414': INITIATOR_UNIT,
};

/**
 * 告知时间 vs 合同解除日期. A unilateral rescission takes effect when the notice reaches the other
 * party (民法典 第565条), and 第37/40/41条 require notice before the rescission date, so a notice
 * dated after the rescission is nonsense — except where the law lets the worker leave without
 * prior notice (387, 第38条第二款: 不需事先告知) and for 999 (unknown case). The length of the
 * notice period is NOT checked: 第40条 allows a month's pay instead of 30 days' notice, and 第37条's
 * 30 days may be shortened by agreement; an early or late notice is a labour-law dispute, not bad data.
 */
export const DEFAULT_NOTICE_MAY_FOLLOW_RESCISSION: readonly string[] = ['387', '999'];

// 终止 (第44条) has no such rule: the unit often learns of the cause afterwards (death, bankruptcy,
// revoked licence), so a 告知时间 after the 合同终止时间 is normal and the two are not compared.

/** 劳动合同法 第12条 / table B: the term type whose contract must name its end (固定期限). */
export const DEFAULT_FIXED_TERM_TYPES: readonly string[] = ['1'];

/**
 * Table D: the dispatch contract category (劳务派遣劳动合同), which needs the host unit
 * (用工单位, 第59条 派遣协议) and the dispatch period.
 */
export const DEFAULT_DISPATCH_CATEGORIES: readonly string[] = ['3'];
