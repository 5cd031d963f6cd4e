// Step 9: the anchor reference, when present, names the same tree as the checkpoint. Whether the
// transaction is really on the ledger is for a verifier with ledger access (a later issue).
import { equalBytes, fromBase64 } from '../encoding/index.js';
import { parseCheckpoint } from '../note/index.js';
import type { Checkpoint } from '../note/index.js';
import type { CheckList } from './report.js';
import type { EvidenceBundleAnchor } from './schema.js';

export function checkAnchor(anchor: EvidenceBundleAnchor, checkpoint: Checkpoint, list: CheckList): boolean {
  if (anchor.anchoredSize !== checkpoint.size) {
    return list.fail('anchor', 'BUNDLE_ANCHOR_MISMATCH', `anchored size ${anchor.anchoredSize} is not the checkpoint size ${checkpoint.size}`);
  }
  if (!equalBytes(fromBase64(anchor.anchoredRoot), checkpoint.rootHash)) {
    return list.fail('anchor', 'BUNDLE_ANCHOR_MISMATCH', 'anchored root is not the checkpoint root');
  }
  return list.pass('anchor', `channel ${anchor.channel}, block ${anchor.blockNumber}, tx ${anchor.txId} names this checkpoint`);
}

/**
 * When the checkpoint's signature failed, the anchor is still compared with the size and root the
 * checkpoint claims: a mismatch says the checkpoint's text was changed (the anchor names another
 * tree), a match that only its signature was. Nothing passes here: the checkpoint is unverified.
 */
export function checkAnchorAgainstClaim(anchor: EvidenceBundleAnchor, note: string, list: CheckList): void {
  const end = note.indexOf('\n\n');
  let claimed: Checkpoint;
  try {
    if (end < 0) return;
    claimed = parseCheckpoint(note.slice(0, end + 1));
  } catch {
    return;
  }
  if (anchor.anchoredSize !== claimed.size || !equalBytes(fromBase64(anchor.anchoredRoot), claimed.rootHash)) {
    list.fail('anchor', 'BUNDLE_ANCHOR_MISMATCH', `the anchor names size ${anchor.anchoredSize}, the (unverified) checkpoint claims size ${claimed.size} with another root or size`);
  }
}
