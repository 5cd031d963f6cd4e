// The X.509 identities of the tests (fixtures/certs, made by fixtures/make-certs.sh): real
// ECDSA P-256 certificates, one CA per organisation, ELC attributes in the Fabric CA extension.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CERTS = fileURLToPath(new URL('../fixtures/certs/', import.meta.url));

export interface TestIdentity {
  readonly name: string;
  readonly mspId: string;
  readonly certPem: string;
  readonly keyPem: string;
}

function load(name: string, mspId: string): TestIdentity {
  return {
    name,
    mspId,
    certPem: readFileSync(`${CERTS}${name}.pem`, 'utf8'),
    keyPem: readFileSync(`${CERTS}${name}.key`, 'utf8'),
  };
}

/** Who is who: role and region are in each certificate; see make-certs.sh. */
export const ids = {
  /** bureau, region 370000 (Shandong). */
  bureau: load('bureau-sd', 'BureauMSP'),
  /** vendor, region 370100 (Jinan). */
  vendorJinan: load('vendor-jinan', 'VendorMSP'),
  /** vendor, region 370000 (all of Shandong). */
  vendorShandong: load('vendor-sd', 'VendorMSP'),
  /** vendor, region 110000 (Beijing). */
  vendorBeijing: load('vendor-beijing', 'VendorMSP'),
  /** vendor without elc.region. */
  vendorNoRegion: load('vendor-no-region', 'VendorMSP'),
  /** arbitration, region 370100. */
  arbitration: load('arbitration-jinan', 'ArbitrationMSP'),
  /** regulator, no region. */
  regulator: load('regulator', 'RegulatorMSP'),
  /** no Fabric CA attribute extension at all. */
  noAttributes: load('no-attrs', 'VendorMSP'),
  /** elc.role = admin. */
  unknownRole: load('unknown-role', 'VendorMSP'),
  /** elc.region = 99. */
  badRegion: load('bad-region', 'VendorMSP'),
  /** issued by the vendor org's CA, claiming elc.role = bureau, region 370000. */
  vendorClaimsBureau: load('vendor-claims-bureau', 'VendorMSP'),
  /** bureau, region 370100 (Jinan city bureau), its own org. */
  bureauJinan: load('bureau-jinan', 'JinanBureauMSP'),
  /** vendor, region 370100, of an org that is never registered. */
  otherVendor: load('other-vendor', 'OtherMSP'),
} as const;
