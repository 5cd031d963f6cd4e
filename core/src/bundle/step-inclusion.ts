// Step 8: each leaf is in the log, by its RFC 9162 §2.1.3.2 inclusion proof to the checkpoint root.
import { fromBase64 } from '../encoding/index.js';
import { verifyInclusion } from '../merkle/index.js';
import type { LogHasher } from '../merkle/index.js';
import type { Checkpoint } from '../note/index.js';
import { describeError } from './report.js';
import type { CheckList } from './report.js';
import type { EvidenceBundleV1 } from './schema.js';

/** The indices whose inclusion verified. */
export function checkInclusion(bundle: EvidenceBundleV1, hasher: LogHasher, checkpoint: Checkpoint, list: CheckList): Set<number> {
  const included = new Set<number>();
  for (const entry of bundle.entries) {
    const id = `inclusion.${entry.index}`;
    try {
      const leafHash = hasher.leafHash(fromBase64(entry.leaf));
      verifyInclusion(hasher, entry.index, checkpoint.size, leafHash, entry.proof.map((h) => fromBase64(h)), checkpoint.rootHash);
    } catch (e) {
      list.fail(id, 'BUNDLE_INCLUSION_FAILED', `leaf ${entry.index} is not proven in the tree of size ${checkpoint.size}: ${describeError(e)}`);
      continue;
    }
    list.pass(id, `leaf ${entry.index} is in the tree of size ${checkpoint.size}`);
    included.add(entry.index);
  }
  return included;
}
