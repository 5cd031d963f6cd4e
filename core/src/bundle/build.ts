// Assembling a bundle from bytes (the gateway's side): base64 in the agreed places, entries in
// index order, and the result checked against the schema so a gateway cannot emit a bad bundle.
import { toBase64 } from '../encoding/index.js';
import { ElcError } from '../errors.js';
import type { HashAlg } from '../hash/index.js';
import { EVIDENCE_BUNDLE_KIND, EVIDENCE_BUNDLE_VERSION } from './codes.js';
import { evidenceBundleSchema } from './schema.js';
import type { EvidenceBundleV1 } from './schema.js';

export interface EvidenceBundleInput {
  readonly hashAlg: HashAlg;
  readonly origin: string;
  readonly contract: EvidenceBundleV1['contract'];
  readonly entries: readonly { readonly index: number; readonly leaf: Uint8Array; readonly proof: readonly Uint8Array[] }[];
  /** The signed checkpoint note every proof is to. */
  readonly checkpoint: string;
  readonly anchor?: {
    readonly channel: string;
    readonly txId: string;
    readonly blockNumber: number;
    readonly anchoredRoot: Uint8Array;
    readonly anchoredSize: number;
  };
  readonly timestamp?: { readonly tsa: string; readonly local: boolean; readonly token: Uint8Array };
  readonly keys: EvidenceBundleV1['keys'];
  /** Passed in (no clock in core): RFC 3339 UTC. */
  readonly generatedAt: string;
}

/** Builds a v1 bundle; throws ElcError BUNDLE_MALFORMED (with the field) if the result would not parse. */
export function buildEvidenceBundle(input: EvidenceBundleInput): EvidenceBundleV1 {
  const bundle = {
    v: EVIDENCE_BUNDLE_VERSION,
    kind: EVIDENCE_BUNDLE_KIND,
    hashAlg: input.hashAlg,
    origin: input.origin,
    contract: input.contract,
    entries: [...input.entries]
      .sort((a, b) => a.index - b.index)
      .map((e) => ({ index: e.index, leaf: toBase64(e.leaf), proof: e.proof.map((h) => toBase64(h)) })),
    checkpoint: input.checkpoint,
    ...(input.anchor === undefined ? {} : { anchor: { ...input.anchor, anchoredRoot: toBase64(input.anchor.anchoredRoot) } }),
    ...(input.timestamp === undefined ? {} : { timestamp: { ...input.timestamp, token: toBase64(input.timestamp.token) } }),
    keys: input.keys,
    generatedAt: input.generatedAt,
  };
  const parsed = evidenceBundleSchema.safeParse(bundle);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ElcError('BUNDLE_MALFORMED', first?.message ?? 'invalid bundle', { field: first?.path.map(String).join('.') ?? '' });
  }
  return parsed.data;
}
