// Turns a certificate's claims into a caller, through the org registry: an MSP's CA vouches
// for its own members only, so `elc.role` counts only if the bureau registered that role for the
// MSP, and `elc.region` only within the region the MSP is bound to.
import { regionCovers } from '@elc/core';
import type { Caller, CertificateClaims } from './access.js';
import { LedgerError } from './errors.js';
import type { LedgerReader } from './records.js';

/**
 * Every transaction but Bootstrap starts here. Refusals: LEDGER_NOT_BOOTSTRAPPED (no org is
 * registered yet), ORG_UNKNOWN (the MSP is not registered), ROLE_NOT_ALLOWED_FOR_ORG,
 * REGION_OUTSIDE_ORG.
 */
export async function resolveCaller(reader: Pick<LedgerReader, 'getOrg' | 'getBootstrap'>, claims: CertificateClaims): Promise<Caller> {
  const org = await reader.getOrg(claims.mspId);
  if (org === undefined) {
    // Only the refusal path reads the bootstrap record, to say which refusal it is.
    if ((await reader.getBootstrap()) === undefined) {
      throw new LedgerError('LEDGER_NOT_BOOTSTRAPPED', 'the org registry is empty: the deploying bureau must call Bootstrap first');
    }
    throw new LedgerError('ORG_UNKNOWN', `MSP ${claims.mspId} is not a registered org of this channel`);
  }
  if (!org.roles.includes(claims.role)) {
    throw new LedgerError('ROLE_NOT_ALLOWED_FOR_ORG', `MSP ${claims.mspId} is not registered for the role ${claims.role} (it may claim: ${org.roles.join(', ')})`);
  }
  if (claims.region !== undefined && !regionCovers(org.region, claims.region)) {
    throw new LedgerError('REGION_OUTSIDE_ORG', `the certificate's region ${claims.region} is outside region ${org.region} of MSP ${claims.mspId}`);
  }
  return { mspId: claims.mspId, id: claims.id, role: claims.role, region: claims.region ?? org.region };
}
