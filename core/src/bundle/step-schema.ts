// Step 1: the bundle's shape. Nothing else is looked at until it is a well-formed v1 bundle.
import type { CheckList } from './report.js';
import { EVIDENCE_BUNDLE_VERSION } from './codes.js';
import { evidenceBundleSchema } from './schema.js';
import type { EvidenceBundleV1 } from './schema.js';

export function checkSchema(input: unknown, list: CheckList): EvidenceBundleV1 | undefined {
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const v = (input as Record<string, unknown>)['v'];
    if (typeof v === 'number' && v !== EVIDENCE_BUNDLE_VERSION) {
      list.fail('schema', 'BUNDLE_VERSION_UNSUPPORTED', `bundle version ${v} is not supported (this verifier reads v${EVIDENCE_BUNDLE_VERSION})`);
      return undefined;
    }
  }
  const parsed = evidenceBundleSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first === undefined ? '' : [...first.path, ...(first.code === 'unrecognized_keys' ? first.keys.slice(0, 1) : [])].map(String).join('.');
    list.fail('schema', 'BUNDLE_MALFORMED', `${path === '' ? 'bundle' : path}: ${first?.message ?? 'invalid'}`);
    return undefined;
  }
  list.pass('schema', `v${EVIDENCE_BUNDLE_VERSION} bundle with ${parsed.data.entries.length} entries`);
  return parsed.data;
}
