// core's public surface is chosen, not accumulated: each entry point's runtime exports are listed
// here, so exporting another name (an internal table, a helper) is a deliberate change of this
// list. Types are not listed (they vanish at runtime); each module's index.ts names them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const coreDir = dirname(dirname(fileURLToPath(import.meta.url)));

const ENTRIES: Record<string, { source: string; names: string }> = {
  '.': {
    source: '../src/index.js',
    names: `ACCESS_CHANNELS ACCESS_ROLES AMENDED_CLAUSES AUTHORITY_BASES BUNDLE_ERROR_CODES BUNDLE_MAX_ENTRIES BUNDLE_MAX_PROOF_HASHES
      DOC_HASH_ALGS EVENT_TYPES EVIDENCE_BUNDLE_KIND EVIDENCE_BUNDLE_VERSION EVIDENCE_ERROR_CODES EVIDENCE_MAX_LEAF_BYTES
      EVIDENCE_SCHEMA_VERSION ElcError HASH_ALGS IDENTITY_METHODS ID_AA_SIGNING_CERTIFICATE_V2 ID_CT_TSTINFO
      ID_KP_TIMESTAMPING LEGAL_BASES MERKLE_HASH_SIZE NOTE_ERROR_CODES NOTIFICATION_CHANNELS NoteErrorCode ORG_PATTERN
      PARTIES POLICY REGION_PATTERN RFC6962_LEAF_PREFIX RFC6962_NODE_PREFIX ROLES SIGNATURE_TYPE_ED25519 TERM_KINDS
      TIMESTAMP_ERROR_CODES TOKEN_ROLES TimestampErrorCode WORKER_COMMITMENT_PATTERN assembleProof buildEvidenceBundle
      buildTimestampRequest canonicalBytes canonicalJson checkResidentId checkUscc compareCompactDates computeKeyId
      concatBytes consistencyProof consistencyProofPlan cosignatureTimestamp createLogHasher decide decodeLeaf derToPem
      encodeLeaf equalBytes formatCheckpoint formatDocHash fromBase64 fromHex fromUtf8 generateCosignerKey
      generateEd25519Key generateSm2Key inclusionProof inclusionProofPlan isDocHash isElcError isHashAlg isRole
      isValidCompactDate isValidKeyName isValidMainlandMobile isValidPhone isValidRegionCode isValidResidentId
      isValidUscc makeResidentId makeUscc newCompactRange newCosignatureVerifier newCosigner newProofSource newSigner
      newVerifier normalizeOid openCheckpoint openNote parseCheckpoint parseCompactDate parseDocHash
      parseEvidenceEvent parseTimestampResponse pemToDer pemToDerAll personalDataInText planProofLength
      policyRow pureHashProvider regionCovers rootFromInclusionProof rootOfLeafHashes safeParseEvidenceEvent signNote toBase64
      toHex usccCheckChar utf8 validateEvidenceEvents verifyBundle verifyBundleFull verifyConsistency verifyInclusion
      verifyTimestampToken vkeyFromSkey workerCommitment`,
  },
  './receipt': {
    source: '../src/receipt/index.js',
    names: 'RECEIPT_BATCH_HEADER RECEIPT_HEADER buildBatchTree issueReceipts receiptBatchMessage receiptStatement verifyReceipt',
  },
  './tiles': {
    source: '../src/tiles/index.js',
    names: `MAX_ENTRY_BYTES TILE_HEIGHT TILE_MAX_LEVEL TILE_WIDTH decodeEntryBundle encodeEntryBundle encodeTileIndex
      formatTilePath hashesAtTileLevel parseTilePath`,
  },
  './node': { source: '../src/node/index.js', names: 'nativeHashProvider' },
};

describe('@elc/core public API', () => {
  it('package.json exports exactly these entry points, each from dist', () => {
    const pkg = JSON.parse(readFileSync(join(coreDir, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }> };
    expect(Object.keys(pkg.exports).sort()).toEqual(Object.keys(ENTRIES).sort());
    for (const [entry, target] of Object.entries(pkg.exports)) {
      const dir = entry === '.' ? '' : `${entry.slice(2)}/`;
      expect(target).toEqual({ types: `./dist/${dir}index.d.ts`, default: `./dist/${dir}index.js` });
    }
  });

  it.each(Object.entries(ENTRIES))('%s exports what is listed, and nothing else', async (_entry, { source, names }) => {
    const module = (await import(source)) as Record<string, unknown>;
    expect(Object.keys(module).sort()).toEqual(names.split(/\s+/).filter((n) => n !== '').sort());
  });
});
