// Step 9: the anchor reference, when present, names the same tree as the checkpoint. Whether the
// transaction is really on the ledger is for a verifier with ledger access (a later issue).
import { equalBytes, fromBase64 } from '../encoding/index.js';
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
