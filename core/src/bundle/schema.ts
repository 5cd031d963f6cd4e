// Evidence bundle v1 (ARCHITECTURE.md, Formats): one JSON document with a contract's raw leaves,
// an inclusion proof for each to one signed checkpoint, and references to its anchor and TSA token.
import { z } from 'zod';
import { fromBase64, toBase64 } from '../encoding/index.js';
import { EVIDENCE_MAX_LEAF_BYTES } from '../evidence/index.js';
import { isValidUscc } from '../ids/uscc.js';
import { isRfc3339Utc } from '../evidence/time.js';
import {
  BUNDLE_MAX_CHECKPOINT_CHARS,
  BUNDLE_MAX_ENTRIES,
  BUNDLE_MAX_PROOF_HASHES,
  BUNDLE_MAX_TOKEN_CHARS,
  EVIDENCE_BUNDLE_KIND,
  EVIDENCE_BUNDLE_VERSION,
} from './codes.js';

export interface EvidenceBundleEntry {
  /** The leaf's index in the log. */
  readonly index: number;
  /** Standard base64 of the raw leaf bytes (the RFC 8785 canonical event). */
  readonly leaf: string;
  /** Standard base64 hashes of the RFC 9162 inclusion proof to the checkpoint's size and root. */
  readonly proof: readonly string[];
}

/**
 * Where the checkpoint was anchored on the ledger. This verifier checks that it names the
 * checkpoint's size and root; looking the transaction up on the chain is a later issue.
 */
export interface EvidenceBundleAnchor {
  readonly channel: string;
  readonly txId: string;
  readonly blockNumber: number;
  /** Standard base64 of the anchored root hash. */
  readonly anchoredRoot: string;
  readonly anchoredSize: number;
}

/**
 * RFC 3161 timestamp token over the checkpoint note. verifyBundle (sync) lists it as unchecked;
 * verifyBundleFull verifies it against pinned TSA roots. `local` marks a development TSA that is
 * not a trusted authority (the verifier also reads it from the signer's certificate).
 */
export interface EvidenceBundleTimestamp {
  readonly tsa: string;
  readonly local: boolean;
  /** Standard base64 of the DER TimeStampToken. */
  readonly token: string;
}

export interface EvidenceBundleV1 {
  readonly v: 1;
  readonly kind: 'elc-evidence-bundle';
  readonly hashAlg: string;
  readonly origin: string;
  readonly contract: {
    readonly employer: string;
    readonly contractId: string;
    /** The on-chain contract state as the gateway read it: opaque here, not verified. */
    readonly state?: Readonly<Record<string, unknown>>;
    /** The on-chain transition history: opaque here, not verified. */
    readonly history?: readonly unknown[];
  };
  readonly entries: readonly EvidenceBundleEntry[];
  /** The signed checkpoint note (C2SP signed-note text); every proof is to its size and root. */
  readonly checkpoint: string;
  readonly anchor?: EvidenceBundleAnchor;
  readonly timestamp?: EvidenceBundleTimestamp;
  readonly keys: {
    /** The log's verifier key (C2SP vkey) as the gateway names it. Informational: trust is pinned out of band. */
    readonly log: string;
    /** PEM certificate of the TSA, for the timestamp verifier. */
    readonly tsaCertificate?: string;
  };
  /** RFC 3339 UTC time the gateway assembled the bundle. */
  readonly generatedAt: string;
}

/** Strict standard base64 that is its own canonical encoding (one value, one spelling). */
function base64Field(maxChars: number, bytes?: number) {
  return z
    .string()
    .max(maxChars)
    .refine((s) => {
      try {
        const b = fromBase64(s);
        return toBase64(b) === s && (bytes === undefined || b.length === bytes);
      } catch {
        return false;
      }
    }, bytes === undefined ? 'must be canonical standard base64' : `must be the canonical standard base64 of ${bytes} bytes`);
}

const hashB64 = base64Field(44, 32);
const size = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const line = (max: number) => z.string().min(1).max(max).regex(/^[^\n\r]*$/, 'must be one line');

const entrySchema = z.strictObject({
  index: size,
  leaf: base64Field(Math.ceil((EVIDENCE_MAX_LEAF_BYTES * 4) / 3) + 4).refine((s) => s.length > 0, 'leaf is empty'),
  proof: z.array(hashB64).max(BUNDLE_MAX_PROOF_HASHES),
});

export const evidenceBundleSchema = z.strictObject({
  v: z.literal(EVIDENCE_BUNDLE_VERSION),
  kind: z.literal(EVIDENCE_BUNDLE_KIND),
  // Any short string here: an unknown algorithm is its own failure (BUNDLE_HASH_ALG_UNKNOWN).
  hashAlg: z.string().max(32),
  origin: line(255),
  contract: z.strictObject({
    employer: z.string().refine(isValidUscc, 'must be a valid USCC'),
    contractId: z.string().min(1).max(100),
    state: z.record(z.string(), z.unknown()).optional(),
    history: z.array(z.unknown()).max(BUNDLE_MAX_ENTRIES).optional(),
  }),
  entries: z.array(entrySchema).max(BUNDLE_MAX_ENTRIES),
  checkpoint: z.string().min(1).max(BUNDLE_MAX_CHECKPOINT_CHARS),
  anchor: z
    .strictObject({
      channel: z.string().regex(/^[a-z][a-z0-9.-]{0,248}$/, 'must be a Fabric channel name'),
      txId: z.string().regex(/^[0-9a-f]{64}$/, 'must be a Fabric transaction id (64 lowercase hex)'),
      blockNumber: size,
      anchoredRoot: hashB64,
      anchoredSize: size,
    })
    .optional(),
  timestamp: z
    .strictObject({
      tsa: line(200),
      local: z.boolean(),
      token: base64Field(BUNDLE_MAX_TOKEN_CHARS).refine((s) => s.length > 0, 'token is empty'),
    })
    .optional(),
  keys: z.strictObject({
    log: line(1024),
    tsaCertificate: z
      .string()
      .max(BUNDLE_MAX_TOKEN_CHARS)
      .regex(/^-----BEGIN CERTIFICATE-----\r?\n[\s\S]+-----END CERTIFICATE-----\s*$/, 'must be a PEM certificate')
      .optional(),
  }),
  generatedAt: z.string().refine(isRfc3339Utc, 'must be an RFC 3339 UTC time with Z'),
});

// Compile-time check that the schema's output is an EvidenceBundleV1.
const _schemaMatchesType = (b: z.infer<typeof evidenceBundleSchema>): EvidenceBundleV1 => b;
