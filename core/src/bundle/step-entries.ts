// Steps 6-7: the entries, then each leaf as an evidence event of the bundle's contract.
import { fromBase64 } from '../encoding/index.js';
import { decodeLeaf } from '../evidence/index.js';
import type { EvidenceEvent } from '../evidence/index.js';
import { describeError } from './report.js';
import type { CheckList } from './report.js';
import type { EvidenceBundleV1 } from './schema.js';

/** At least one entry, indices strictly ascending (so none repeats). */
export function checkEntries(bundle: EvidenceBundleV1, list: CheckList): boolean {
  if (bundle.entries.length === 0) return list.fail('entries', 'BUNDLE_NO_ENTRIES', 'the bundle holds no entries');
  for (let i = 1; i < bundle.entries.length; i++) {
    const prev = bundle.entries[i - 1]?.index ?? -1;
    const cur = bundle.entries[i]?.index ?? -1;
    if (cur <= prev) return list.fail('entries', 'BUNDLE_ENTRY_ORDER', `entry ${i} has index ${cur}, not above ${prev}`);
  }
  return list.pass('entries', `${bundle.entries.length} entries`);
}

/**
 * Decodes every leaf (canonical v1 event) and checks it names the bundle's employer and contract
 * number. Returns the events of the leaves that passed, by log index.
 */
export function checkLeaves(bundle: EvidenceBundleV1, list: CheckList): Map<number, EvidenceEvent> {
  const events = new Map<number, EvidenceEvent>();
  const { employer, contractId } = bundle.contract;
  for (const entry of bundle.entries) {
    const id = `leaf.${entry.index}`;
    let event: EvidenceEvent;
    try {
      event = decodeLeaf(fromBase64(entry.leaf));
    } catch (e) {
      list.fail(id, 'BUNDLE_LEAF_INVALID', describeError(e));
      continue;
    }
    if (event.employer !== employer || event.contractId !== contractId) {
      list.fail(id, 'BUNDLE_LEAF_WRONG_CONTRACT', `event ${event.id} is of contract ${event.employer}/${event.contractId}`);
      continue;
    }
    list.pass(id, `${event.type} ${event.id} at ${event.time}`);
    events.set(entry.index, event);
  }
  return events;
}
