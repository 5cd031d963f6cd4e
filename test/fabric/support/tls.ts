// A self-signed TLS certificate (ECDSA P-256, pkijs over WebCrypto) for the Gateway test server:
// subjectAltName with the peer's host alias and 127.0.0.1, so the adapter connects over real TLS
// and checks the server name either by the endpoint's address or by ELC_FABRIC_PEER_HOST_ALIAS.
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AltName, AttributeTypeAndValue, BasicConstraints, Certificate, Extension, ExtKeyUsage, GeneralName, Time } from 'pkijs';

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ID_AT_COMMON_NAME = '2.5.4.3';
const ID_CE_SUBJECT_ALT_NAME = '2.5.29.17';
const ID_CE_BASIC_CONSTRAINTS = '2.5.29.19';
const ID_CE_EXT_KEY_USAGE = '2.5.29.37';
const ID_KP_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const GENERAL_NAME_DNS = 2;
const GENERAL_NAME_IP = 7;

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}

export interface TlsMaterial {
  readonly certPem: string;
  readonly keyPem: string;
}

export async function selfSignedTls(hostAlias: string): Promise<TlsMaterial> {
  const keys = await webcrypto.subtle.generateKey(P256, true, ['sign', 'verify']);
  const cert = new Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: webcrypto.getRandomValues(new Uint8Array(8)).map((b, i) => (i === 0 ? (b & 0x3f) | 0x40 : b)) });
  const cn = new AttributeTypeAndValue({ type: ID_AT_COMMON_NAME, value: new asn1js.Utf8String({ value: hostAlias }) });
  cert.subject.typesAndValues.push(cn);
  cert.issuer.typesAndValues.push(cn);
  cert.notBefore = new Time({ type: 0, value: new Date(Date.now() - 60_000) });
  cert.notAfter = new Time({ type: 0, value: new Date(Date.now() + 24 * 3600_000) });
  const altNames = new AltName({
    altNames: [new GeneralName({ type: GENERAL_NAME_DNS, value: hostAlias }), new GeneralName({ type: GENERAL_NAME_IP, value: new asn1js.OctetString({ valueHex: Uint8Array.of(127, 0, 0, 1) }) })],
  });
  const basic = new BasicConstraints({ cA: true });
  const eku = new ExtKeyUsage({ keyPurposes: [ID_KP_SERVER_AUTH] });
  cert.extensions = [
    new Extension({ extnID: ID_CE_BASIC_CONSTRAINTS, critical: true, extnValue: basic.toSchema().toBER(), parsedValue: basic }),
    new Extension({ extnID: ID_CE_SUBJECT_ALT_NAME, extnValue: altNames.toSchema().toBER(), parsedValue: altNames }),
    new Extension({ extnID: ID_CE_EXT_KEY_USAGE, extnValue: eku.toSchema().toBER(), parsedValue: eku }),
  ];
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(keys.privateKey, 'SHA-256');
  return { certPem: pem('CERTIFICATE', cert.toSchema().toBER()), keyPem: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)) };
}
