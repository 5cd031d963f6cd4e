// What each check of `elc verify` means, in Chinese and English, for a reader who is not an
// engineer (docs/verification.md explains the same in more words). Keyed by check id and code.
import type { BundleErrorCode, EvidenceEventType } from '@elc/core';
import type { Bilingual } from './report.js';

/** What a passed check establishes, by check id (the part before a '.'). */
export const CHECK_MEANING: Readonly<Record<string, Bilingual>> = {
  schema: { zh: '证据包格式完整，是本程序认识的第 1 版格式。', en: 'The bundle is a complete, well-formed version-1 bundle.' },
  hash_alg: { zh: '证据包使用的哈希算法是本程序支持的算法。', en: 'The hash algorithm the bundle names is one this program supports.' },
  trust: { zh: '您提供的日志公钥（事先另行取得）可以使用。', en: 'The log key you supplied (obtained separately) is usable.' },
  checkpoint: { zh: '检查点（日志在某一时刻的“总指纹”）确由您信任的日志密钥签名。', en: "The checkpoint (the log's overall fingerprint at one moment) is signed by the log key you trust." },
  origin: { zh: '检查点属于证据包所称的那个日志。', en: 'The checkpoint belongs to the log the bundle names.' },
  entries: { zh: '证据包含有证据记录，且顺序正确、无重复。', en: 'The bundle holds evidence records, in order, none repeated.' },
  leaf: { zh: '这条证据记录格式有效，且属于本合同。', en: 'This evidence record is valid and belongs to this contract.' },
  inclusion: { zh: '这条证据记录确实在日志中（由检查点的指纹数学证明）。', en: "This evidence record is in the log (proven mathematically against the checkpoint's fingerprint)." },
  anchor: { zh: '证据包所引用的区块链存证交易记录的正是这个检查点。', en: 'The blockchain anchor the bundle cites names this very checkpoint.' },
  tsa_trust: { zh: '您提供的时间戳机构根证书可以使用。', en: 'The time-stamping authority root certificate you supplied is usable.' },
  timestamp: { zh: '时间戳机构签名证明：该检查点在所示时间已经存在。', en: 'A time-stamping authority signed that this checkpoint existed at the time shown.' },
  internal: { zh: '验证程序内部错误。', en: 'Internal error of the verifier.' },
};

/** What a failure code means, and what a reader should conclude. */
export const CODE_MEANING: Readonly<Record<BundleErrorCode, Bilingual>> = {
  BUNDLE_MALFORMED: { zh: '文件不是完整有效的证据包（可能被截断、改动或不是证据包）。', en: 'The file is not a complete, valid bundle (truncated, edited, or not a bundle).' },
  BUNDLE_VERSION_UNSUPPORTED: { zh: '证据包版本较新，本程序无法读取；请更新验证程序。', en: 'The bundle version is newer than this program reads; update the verifier.' },
  BUNDLE_HASH_ALG_UNKNOWN: { zh: '证据包声明的哈希算法不受支持或被改动。', en: 'The hash algorithm is unsupported or was altered.' },
  BUNDLE_TRUST_INVALID: { zh: '您提供的日志公钥无法使用；请核对从人社部门取得的公钥。', en: 'The log key you supplied is unusable; check the key you got from the bureau.' },
  BUNDLE_CHECKPOINT_MALFORMED: { zh: '检查点不是有效的签名文本。', en: 'The checkpoint is not a valid signed text.' },
  BUNDLE_CHECKPOINT_SIGNATURE: { zh: '检查点的签名不成立：检查点（大小或指纹）或签名被改动过。', en: 'The checkpoint signature does not hold: its size, fingerprint or signature was altered.' },
  BUNDLE_CHECKPOINT_UNTRUSTED_KEY: { zh: '检查点不是由您信任的日志密钥签名的；可能来自伪造的日志。', en: 'No key you trust signed the checkpoint; it may come from a forged log.' },
  BUNDLE_ORIGIN_MISMATCH: { zh: '检查点属于另一个日志。', en: 'The checkpoint belongs to another log.' },
  BUNDLE_NO_ENTRIES: { zh: '证据包中没有任何证据记录，无法证明任何事项。', en: 'The bundle holds no evidence records; it proves nothing.' },
  BUNDLE_ENTRY_ORDER: { zh: '证据记录顺序错乱或重复。', en: 'Evidence records are out of order or repeated.' },
  BUNDLE_LEAF_INVALID: { zh: '某条证据记录不是有效的证据事件（内容被改动过）。', en: 'An evidence record is not a valid event (its content was altered).' },
  BUNDLE_LEAF_WRONG_CONTRACT: { zh: '某条证据记录属于其他合同。', en: 'An evidence record belongs to another contract.' },
  BUNDLE_INCLUSION_FAILED: { zh: '无法证明该证据记录在日志中：记录或证明数据被改动过。', en: 'The record cannot be proven to be in the log: the record or its proof was altered.' },
  BUNDLE_ANCHOR_MISMATCH: { zh: '区块链存证引用的不是这个检查点（大小或指纹不符）。', en: 'The blockchain anchor names another checkpoint (size or fingerprint differ).' },
  BUNDLE_TSA_TRUST_INVALID: { zh: '您提供的时间戳根证书无法使用。', en: 'The TSA root certificate you supplied is unusable.' },
  BUNDLE_TSA_MALFORMED: { zh: '时间戳凭证格式无效或被截断。', en: 'The timestamp token is malformed or truncated.' },
  BUNDLE_TSA_IMPRINT_MISMATCH: { zh: '时间戳凭证证明的是别的数据，不是这个检查点。', en: 'The timestamp token covers other data, not this checkpoint.' },
  BUNDLE_TSA_BAD_SIGNATURE: { zh: '时间戳凭证的签名不成立（凭证被改动过）。', en: 'The timestamp token signature does not hold (the token was altered).' },
  BUNDLE_TSA_UNTRUSTED_CHAIN: { zh: '时间戳不是由您信任的时间戳机构签发的。', en: 'The timestamp was not issued by a time-stamping authority you trust.' },
  BUNDLE_TSA_NOT_TIMESTAMPING_CERT: { zh: '签发时间戳的证书不是时间戳专用证书。', en: 'The certificate that signed the timestamp is not a time-stamping certificate.' },
  BUNDLE_TSA_LOCAL_MISMATCH: { zh: '证据包声称时间戳不是本地开发用时间戳，但其证书表明它是。', en: 'The bundle claims a non-local TSA, but the certificate says it is the local development TSA.' },
};

/** The event types in a clerk's words. */
export const EVENT_LABEL: Readonly<Record<EvidenceEventType, Bilingual>> = {
  'identity.verified': { zh: '身份核验', en: 'identity verified' },
  'intent.confirmed': { zh: '签约意愿确认', en: 'intent confirmed' },
  'signature.applied': { zh: '电子签名', en: 'signature applied' },
  'timestamp.issued': { zh: '时间戳', en: 'timestamp issued' },
  'worker.notified': { zh: '通知劳动者', en: 'worker notified' },
  'document.viewed': { zh: '查看合同', en: 'document viewed' },
  'document.downloaded': { zh: '下载合同', en: 'document downloaded' },
  'paper_copy.issued': { zh: '出具纸质文本', en: 'paper copy issued' },
  'paper_contract.uploaded': { zh: '上传纸质合同', en: 'paper contract uploaded' },
  'contract.concluded': { zh: '合同订立', en: 'contract concluded' },
  'contract.renewed': { zh: '合同续订', en: 'contract renewed' },
  'contract.amended': { zh: '合同变更', en: 'contract amended' },
  'contract.rescinded': { zh: '合同解除', en: 'contract rescinded' },
  'contract.terminated': { zh: '合同终止', en: 'contract terminated' },
  'evidence.accessed': { zh: '证据调取', en: 'evidence accessed' },
};

export function checkMeaning(id: string, code: string | undefined): Bilingual {
  if (code !== undefined && code in CODE_MEANING) return CODE_MEANING[code as BundleErrorCode];
  return CHECK_MEANING[id.split('.')[0] ?? id] ?? { zh: id, en: id };
}
