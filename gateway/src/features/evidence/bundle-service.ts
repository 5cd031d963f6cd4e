/**
 * The evidence bundle of a contract (ARCHITECTURE.md, Formats): every event of the contract as a
 * raw leaf, an inclusion proof of each to ONE anchored checkpoint — the latest anchor, which
 * covers all of them — that signed checkpoint as anchored, its anchor reference, the RFC 3161
 * token over it, and the keys. Events not anchored yet are waited for up to ELC_WAIT_TIMEOUT_MS,
 * then EVIDENCE_NOT_ANCHORED (409, Retry-After). Assembled by core's buildEvidenceBundle.
 */
import { randomBytes } from 'node:crypto';
import { buildEvidenceBundle, encodeLeaf, fromBase64, toHex, type EvidenceBundleV1, type EvidenceEvent } from '@elc/core';
import type { Principal } from '../../auth/principal.js';
import { anchorCovering, type LedgerFeatures } from '../anchors/context.js';
import type { ContractView } from '../contracts/contract-view.js';
import { partyOf, type AccessRequest } from './access.js';

/** How long a bundle waits for the token of its checkpoint before it goes out without one. */
export const BUNDLE_TOKEN_WAIT_MS = 2000;

export async function assembleBundle(f: LedgerFeatures, view: ContractView, clientGone: AbortSignal): Promise<EvidenceBundleV1> {
  const indices = view.evidence.indices;
  const needed = indices.length === 0 ? 1 : Math.max(...indices) + 1;
  const anchor = await anchorCovering(f, needed, clientGone);
  const token = await f.timestamper.waitForToken(anchor.size, AbortSignal.any([AbortSignal.timeout(BUNDLE_TOKEN_WAIT_MS), clientGone]));
  const entries = await Promise.all(
    indices.map(async (index) => {
      const [entry, proof] = await Promise.all([f.log.entry(index), f.log.inclusionProof(index, anchor.size)]);
      return { index, leaf: entry.leaf, proof: proof.proof };
    }),
  );
  const vkey = f.log.verifierKey ?? '';
  return buildEvidenceBundle({
    hashAlg: f.log.hashAlg,
    origin: f.log.origin,
    contract: {
      employer: view.ref.employer,
      contractId: view.ref.contractId,
      ...(view.state === undefined ? {} : { state: view.state as unknown as Record<string, unknown> }),
      history: view.history,
    },
    entries,
    checkpoint: anchor.note,
    anchor: {
      channel: anchor.channel,
      txId: anchor.txId,
      blockNumber: anchor.blockNumber,
      anchoredRoot: fromBase64(anchor.rootHash),
      anchoredSize: anchor.size,
    },
    ...(token === undefined ? {} : { timestamp: { tsa: token.tsa, local: token.local, token: fromBase64(token.token) } }),
    keys: {
      log: vkey.trim(),
      ...(token !== undefined && f.tsa.certificatePem !== undefined && token.tsa === f.tsa.name ? { tsaCertificate: f.tsa.certificatePem } : {}),
    },
    generatedAt: new Date(f.now()).toISOString(),
  });
}

/** The evidence.accessed event of one retrieval, appended (and acknowledged) before the bundle goes out. */
export async function logAccess(f: LedgerFeatures, view: ContractView, principal: Principal, access: AccessRequest): Promise<number> {
  const id = `access-${toHex(new Uint8Array(randomBytes(12)))}`;
  const event = {
    v: 1,
    id,
    type: 'evidence.accessed',
    contractId: view.ref.contractId,
    employer: view.ref.employer,
    time: new Date(f.now()).toISOString(),
    region: view.region,
    party: partyOf(principal),
    data: {
      org: principal.org,
      role: principal.role,
      legalBasis: access.legalBasis,
      ...(access.reference === undefined ? {} : { reference: access.reference }),
    },
  };
  // encodeLeaf validates first: an org id the schema refuses fails the retrieval, not silently.
  const leaf = encodeLeaf(event as EvidenceEvent);
  const [receipt] = await f.log.append([{ id: `${principal.org}/${id}`, leaf }]);
  return receipt?.index ?? -1;
}
