/**
 * The evidence of contracts, read: a contract as the gateway knows it (its on-chain state and
 * history, its events in the log through the evidence index) behind the access check every read
 * goes through; its evidence bundle (ARCHITECTURE.md, Formats); the evidence.accessed event of a
 * retrieval; and the public lookup of a document hash.
 *
 * A bundle holds every event of the contract as a raw leaf, an inclusion proof of each to ONE
 * anchored checkpoint — the latest anchor, which covers all of them — that signed checkpoint as
 * anchored, its anchor reference, the RFC 3161 token over it, and the keys. Events not anchored
 * yet are waited for up to ELC_WAIT_TIMEOUT_MS, then EVIDENCE_NOT_ANCHORED (409, Retry-After).
 */
import { randomBytes } from 'node:crypto';
import { buildEvidenceBundle, decodeLeaf, ElcError, encodeLeaf, fromBase64, toBase64, toHex, type EvidenceBundleV1, type EvidenceEvent } from '@elc/core';
import type { AnchorCovering } from '../anchor/index.js';
import type { Principal } from '../auth/principal.js';
import type { ContractIndex, EvidenceIndexer } from '../evidence-index/index.js';
import type { Anchor, ContractState, ContractVersion, LedgerPort } from '../ledger/index.js';
import type { LogService } from '../log/index.js';
import type { Timestamper, TsaSource } from '../timestamps/index.js';
import { checkContractAccess, partyOf, type AccessRequest } from './access.js';

/** How long a bundle waits for the token of its checkpoint before it goes out without one. */
export const BUNDLE_TOKEN_WAIT_MS = 2000;

/** A contract in a URL: its employer's USCC and its number. */
export interface ContractRef {
  readonly employer: string;
  readonly contractId: string;
}

export interface ContractView {
  readonly ref: ContractRef;
  readonly state: ContractState | undefined;
  readonly history: ContractVersion[];
  readonly evidence: ContractIndex;
  readonly region: string;
}

/** Where an anchor is, as a lookup shows it. */
export type AnchorRef = Pick<Anchor, 'channel' | 'txId' | 'blockNumber' | 'size' | 'rootHash' | 'txTime'>;

export interface LookupAnswer {
  readonly docHash: string;
  readonly found: true;
  readonly anchored: boolean;
  readonly index: number;
  readonly leafHash: string;
  readonly type: string;
  /** when anchored: the anchored checkpoint, the inclusion proof into it and its anchor */
  readonly checkpoint?: string;
  readonly proof?: string[];
  readonly anchor?: AnchorRef;
}

export interface EvidenceService {
  /** The contract, if the principal may read it: CONTRACT_NOT_FOUND, FORBIDDEN_REGION, FORBIDDEN_ORG. */
  readContract(ref: ContractRef, principal: Principal): Promise<ContractView>;
  bundle(view: ContractView, clientGone: AbortSignal): Promise<EvidenceBundleV1>;
  /** Appends (and waits for) the evidence.accessed event of one retrieval; its log index. */
  logAccess(view: ContractView, principal: Principal, access: AccessRequest): Promise<number>;
  /** Is this document hash in the log, and anchored? Never the event itself. DOC_HASH_NOT_FOUND. */
  lookup(docHash: string): Promise<LookupAnswer>;
}

export interface EvidenceDeps {
  readonly log: Pick<LogService, 'append' | 'entry' | 'inclusionProof' | 'origin' | 'hashAlg' | 'verifierKey'>;
  readonly ledger: Pick<LedgerPort, 'getContract' | 'getContractHistory' | 'getLatestAnchor'>;
  readonly index: Pick<EvidenceIndexer, 'catchUp' | 'store'>;
  readonly anchorCovering: AnchorCovering;
  readonly latestAnchor: () => Anchor | undefined;
  readonly timestamper: Pick<Timestamper, 'waitForToken'>;
  readonly tsa: Pick<TsaSource, 'name' | 'certificatePem'>;
  readonly now: () => number;
}

function anchorRef(a: Anchor): AnchorRef {
  return { channel: a.channel, txId: a.txId, blockNumber: a.blockNumber, size: a.size, rootHash: a.rootHash, txTime: a.txTime };
}

export function createEvidenceService(d: EvidenceDeps): EvidenceService {
  return {
    async readContract(ref, principal) {
      await d.index.catchUp();
      const [state, history, evidence] = await Promise.all([
        d.ledger.getContract(ref.employer, ref.contractId),
        d.ledger.getContractHistory(ref.employer, ref.contractId),
        d.index.store.contract(ref.employer, ref.contractId),
      ]);
      const region = state?.region ?? evidence.region;
      if (region === undefined) throw new ElcError('CONTRACT_NOT_FOUND', 'no such contract on the ledger or in the log');
      checkContractAccess(principal, region, evidence.orgs);
      return { ref, state, history, evidence, region };
    },

    async bundle(view, clientGone) {
      const indices = view.evidence.indices;
      const needed = indices.length === 0 ? 1 : Math.max(...indices) + 1;
      const anchor = await d.anchorCovering(needed, clientGone);
      const token = await d.timestamper.waitForToken(anchor.size, AbortSignal.any([AbortSignal.timeout(BUNDLE_TOKEN_WAIT_MS), clientGone]));
      const entries = await Promise.all(
        indices.map(async (index) => {
          const [entry, proof] = await Promise.all([d.log.entry(index), d.log.inclusionProof(index, anchor.size)]);
          return { index, leaf: entry.leaf, proof: proof.proof };
        }),
      );
      return buildEvidenceBundle({
        hashAlg: d.log.hashAlg,
        origin: d.log.origin,
        contract: {
          employer: view.ref.employer,
          contractId: view.ref.contractId,
          ...(view.state === undefined ? {} : { state: view.state as unknown as Record<string, unknown> }),
          history: view.history,
        },
        entries,
        checkpoint: anchor.note,
        anchor: { channel: anchor.channel, txId: anchor.txId, blockNumber: anchor.blockNumber, anchoredRoot: fromBase64(anchor.rootHash), anchoredSize: anchor.size },
        ...(token === undefined ? {} : { timestamp: { tsa: token.tsa, local: token.local, token: fromBase64(token.token) } }),
        keys: {
          log: (d.log.verifierKey ?? '').trim(),
          ...(token !== undefined && d.tsa.certificatePem !== undefined && token.tsa === d.tsa.name ? { tsaCertificate: d.tsa.certificatePem } : {}),
        },
        generatedAt: new Date(d.now()).toISOString(),
      });
    },

    async logAccess(view, principal, access) {
      const id = `access-${toHex(new Uint8Array(randomBytes(12)))}`;
      const event = {
        v: 1,
        id,
        type: 'evidence.accessed',
        contractId: view.ref.contractId,
        employer: view.ref.employer,
        time: new Date(d.now()).toISOString(),
        region: view.region,
        party: partyOf(principal),
        data: { org: principal.org, role: principal.role, legalBasis: access.legalBasis, ...(access.reference === undefined ? {} : { reference: access.reference }) },
      };
      // encodeLeaf validates first: an org id the schema refuses fails the retrieval, not silently.
      const leaf = encodeLeaf(event as EvidenceEvent);
      const [receipt] = await d.log.append([{ id: `${principal.org}/${id}`, leaf }]);
      return receipt?.index ?? -1;
    },

    async lookup(docHash) {
      await d.index.catchUp();
      const first = (await d.index.store.docHash(docHash))[0];
      if (first === undefined) throw new ElcError('DOC_HASH_NOT_FOUND', 'no anchored or logged entry names this document hash', { field: 'docHash' });
      const anchor = d.latestAnchor() ?? (await d.ledger.getLatestAnchor(d.log.origin));
      const entry = await d.log.entry(first);
      const type = decodeLeaf(entry.leaf).type;
      if (anchor === undefined || anchor.size <= first) return { docHash, found: true, anchored: false, index: first, leafHash: toBase64(entry.leafHash), type };
      const p = await d.log.inclusionProof(first, anchor.size);
      return { docHash, found: true, anchored: true, index: first, leafHash: toBase64(p.leafHash), type, checkpoint: anchor.note, proof: p.proof.map(toBase64), anchor: anchorRef(anchor) };
    },
  };
}
