// World-state keys. All are Fabric composite keys (objectType + attributes); sizes are padded
// to 16 digits so that key order is size order for range queries.
import type { Write } from './records.js';

export const OBJECT_LOG = 'elc.log';
export const OBJECT_ANCHOR = 'elc.anchor';
export const OBJECT_LATEST_ANCHOR = 'elc.anchor.latest';
export const OBJECT_CONTRACT = 'elc.contract';
export const OBJECT_ORG = 'elc.org';
export const OBJECT_BOOTSTRAP = 'elc.bootstrap';
export const OBJECT_MANDATE = 'elc.mandate';

export interface StateKey {
  readonly objectType: string;
  readonly attributes: readonly string[];
}

/** Number.MAX_SAFE_INTEGER has 16 digits. */
export function sizeKeyPart(size: number): string {
  return size.toString().padStart(16, '0');
}

export const stateKeys = {
  log: (origin: string): StateKey => ({ objectType: OBJECT_LOG, attributes: [origin] }),
  anchor: (origin: string, size: number): StateKey => ({ objectType: OBJECT_ANCHOR, attributes: [origin, sizeKeyPart(size)] }),
  anchorsOf: (origin: string): StateKey => ({ objectType: OBJECT_ANCHOR, attributes: [origin] }),
  latestAnchor: (origin: string): StateKey => ({ objectType: OBJECT_LATEST_ANCHOR, attributes: [origin] }),
  contract: (employer: string, contractId: string): StateKey => ({ objectType: OBJECT_CONTRACT, attributes: [employer, contractId] }),
  org: (mspId: string): StateKey => ({ objectType: OBJECT_ORG, attributes: [mspId] }),
  orgs: (): StateKey => ({ objectType: OBJECT_ORG, attributes: [] }),
  bootstrap: (): StateKey => ({ objectType: OBJECT_BOOTSTRAP, attributes: [] }),
  mandate: (employer: string, platform: string): StateKey => ({ objectType: OBJECT_MANDATE, attributes: [employer, platform] }),
  mandatesOf: (employer: string): StateKey => ({ objectType: OBJECT_MANDATE, attributes: [employer] }),
};

export function keyOfWrite(w: Write): StateKey {
  switch (w.kind) {
    case 'log':
      return stateKeys.log(w.value.origin);
    case 'anchor':
      return stateKeys.anchor(w.value.origin, w.value.size);
    case 'latestAnchor':
      return stateKeys.latestAnchor(w.value.origin);
    case 'contract':
      return stateKeys.contract(w.value.employer, w.value.contractId);
    case 'org':
    case 'orgRemoved':
      return stateKeys.org(w.value.mspId);
    case 'bootstrap':
      return stateKeys.bootstrap();
    case 'mandate':
      return stateKeys.mandate(w.value.employer, w.value.platform);
  }
}
