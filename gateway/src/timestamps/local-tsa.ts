// The LOCAL development TSA: a root and a TSA certificate created on first start in <dataDir>/tsa/,
// so that the embedded default deployment timestamps its checkpoints without a third party. Its
// tokens prove only what this gateway's own key says: for evidence, configure a real TSA (ELC_TSA_URL).
import { createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { Certificate } from 'pkijs';
import { ElcError, derToPem, pemToDer, toHex, utf8, verifyTimestampToken, buildTimestampRequest, parseTimestampResponse } from '@elc/core';
import { P256_KEY_ALGORITHM, certificateDer, createCertificate, generateP256KeyPair } from './certificates.js';
import { createTokenIssuer } from './token-issuer.js';

export const DEFAULT_LOCAL_TSA_NAME = 'ELC Ledger local TSA (development)';
/**
 * TSTInfo policy of the LOCAL TSA: a UUID OID (X.667, arc 2.25, no registration needed) minted for
 * ELC Ledger's local development TSA, uuid 6a72f334-1123-4446-8fc7-62a3860eaa01. It asserts nothing
 * beyond "issued by an ELC Ledger gateway's own local TSA".
 */
export const LOCAL_TSA_POLICY_OID = '2.25.141495022145776070968317255424832088577';
export const LOCAL_TSA_ACCURACY_SECONDS = 1;
export const LOCAL_TSA_ORGANIZATION = 'ELC Ledger';
export const LOCAL_TSA_UNIT = 'LOCAL development TSA - not a trusted third party';

/** File names inside <dataDir>/tsa/. */
export const LOCAL_TSA_FILES = { root: 'root.pem', certificate: 'tsa.pem', key: 'tsa-key.pem' } as const;

const ROOT_YEARS = 20;
const TSA_YEARS = 10;
const BACKDATE_MS = 5 * 60_000; // tolerate clock skew between this gateway and a verifier

export interface LocalTsaOptions {
  name?: string;
  clock?: () => Date;
  onError?: (error: unknown) => void;
}

export interface LocalTsa {
  /** Always 'local': bundles say which TSA signed. */
  readonly kind: 'local';
  readonly name: string;
  readonly policy: string;
  readonly rootCertificateDer: Uint8Array;
  readonly certificateDer: Uint8Array;
  readonly rootCertificatePem: string;
  readonly certificatePem: string;
  readonly directory: string;
  /** DER TimeStampResp for a DER TimeStampReq (rejections included; it does not throw for bad input). */
  issue(requestDer: Uint8Array): Promise<Uint8Array>;
}

function addYears(date: Date, years: number): Date {
  const d = new Date(date.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Creates the three files in a fresh temporary directory and renames it into place (atomic; loses a race cleanly). */
async function create(dir: string, name: string, clock: () => Date): Promise<void> {
  const now = clock();
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const rootKeys = await generateP256KeyPair();
  const root = await createCertificate({
    subject: { commonName: `${name} root`, organization: LOCAL_TSA_ORGANIZATION, organizationalUnit: LOCAL_TSA_UNIT },
    publicKey: rootKeys.publicKey,
    privateKey: rootKeys.privateKey,
    issuer: 'self',
    notBefore,
    notAfter: addYears(now, ROOT_YEARS),
    ca: true,
  });
  const tsaKeys = await generateP256KeyPair();
  const tsa = await createCertificate({
    subject: { commonName: name, organization: LOCAL_TSA_ORGANIZATION, organizationalUnit: LOCAL_TSA_UNIT },
    publicKey: tsaKeys.publicKey,
    issuer: { name: root.certificate.subject, privateKey: rootKeys.privateKey, keyId: root.keyId },
    notBefore,
    notAfter: addYears(now, TSA_YEARS),
    ca: false,
  });
  // The root key signs one certificate and is then dropped: nothing else can ever chain to this root.
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', tsaKeys.privateKey));

  const tmp = `${dir}.tmp-${toHex(webcrypto.getRandomValues(new Uint8Array(6)))}`;
  await mkdir(tmp, { recursive: true, mode: 0o700 });
  try {
    await writeFile(join(tmp, LOCAL_TSA_FILES.key), derToPem(pkcs8, 'PRIVATE KEY'), { mode: 0o600, flag: 'wx' });
    await writeFile(join(tmp, LOCAL_TSA_FILES.certificate), derToPem(certificateDer(tsa.certificate)), { mode: 0o644, flag: 'wx' });
    await writeFile(join(tmp, LOCAL_TSA_FILES.root), derToPem(certificateDer(root.certificate)), { mode: 0o644, flag: 'wx' });
    await rename(tmp, dir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    if (!(await exists(dir))) throw e; // another process created it first: load theirs
  }
}

function parseCertificate(der: Uint8Array, file: string): Certificate {
  const parsed = asn1js.fromBER(new Uint8Array(der));
  try {
    if (parsed.offset !== der.length) throw new Error('trailing data');
    return new Certificate({ schema: parsed.result });
  } catch (cause) {
    throw new ElcError('TSA_LOCAL_STATE_INVALID', `${file} is not a certificate`, { field: file, cause });
  }
}

function commonNameOf(cert: Certificate): string {
  const cn = cert.subject.typesAndValues.find((tv) => tv.type === '2.5.4.3')?.value.valueBlock.value;
  return typeof cn === 'string' ? cn : DEFAULT_LOCAL_TSA_NAME;
}

/**
 * Loads the local TSA from <dataDir>/tsa/, creating a root, a TSA certificate and its key on first
 * start. Checks at load that the key belongs to the certificate and that a fresh token verifies
 * against the root; TSA_LOCAL_STATE_INVALID otherwise (delete the folder to start over).
 */
export async function loadOrCreateLocalTsa(dataDir: string, options: LocalTsaOptions = {}): Promise<LocalTsa> {
  // The name always says local, whatever a deployment calls it.
  const requested = options.name ?? DEFAULT_LOCAL_TSA_NAME;
  const name = /local/i.test(requested) ? requested : `${requested} (local)`;
  const clock = options.clock ?? (() => new Date());
  const dir = join(dataDir, 'tsa');
  if (!(await exists(dir))) {
    await mkdir(dataDir, { recursive: true });
    await create(dir, name, clock);
  }
  const paths = Object.values(LOCAL_TSA_FILES).map((f) => join(dir, f));
  for (const path of paths) {
    if (!(await exists(path))) throw new ElcError('TSA_LOCAL_STATE_INVALID', `${path} is missing; delete ${dir} to create a new local TSA`, { field: path });
  }
  const rootPem = await readFile(join(dir, LOCAL_TSA_FILES.root), 'utf8');
  const certPem = await readFile(join(dir, LOCAL_TSA_FILES.certificate), 'utf8');
  const keyPem = await readFile(join(dir, LOCAL_TSA_FILES.key), 'utf8');
  const rootDer = pemToDer(rootPem);
  const certDer = pemToDer(certPem);
  const certificate = parseCertificate(certDer, LOCAL_TSA_FILES.certificate);
  const storedName = commonNameOf(certificate);
  parseCertificate(rootDer, LOCAL_TSA_FILES.root);

  const spki = new Uint8Array(createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'der' }));
  const certSpki = new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER());
  if (toHex(spki) !== toHex(certSpki)) {
    throw new ElcError('TSA_LOCAL_STATE_INVALID', `${LOCAL_TSA_FILES.key} does not belong to ${LOCAL_TSA_FILES.certificate}`);
  }
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pemToDer(keyPem, 'PRIVATE KEY'), P256_KEY_ALGORITHM, false, ['sign']);
  const issuer = createTokenIssuer({
    certificate,
    privateKey,
    policy: LOCAL_TSA_POLICY_OID,
    clock,
    accuracySeconds: LOCAL_TSA_ACCURACY_SECONDS,
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  });

  // Self-test: a token over a probe must verify against the stored root with core's verifier.
  const probe = utf8(`ELC Ledger local TSA self-test ${clock().toISOString()}`);
  const nonce = webcrypto.getRandomValues(new Uint8Array(16));
  try {
    const token = parseTimestampResponse(await issuer.issue(buildTimestampRequest(probe, { nonce })));
    await verifyTimestampToken(token, { data: probe, trustedRoots: [rootDer], nonce, now: clock() });
  } catch (cause) {
    throw new ElcError('TSA_LOCAL_STATE_INVALID', `the local TSA in ${dir} fails its self-test; delete the folder to create a new one`, { cause });
  }

  return Object.freeze({
    kind: 'local' as const,
    name: storedName,
    policy: LOCAL_TSA_POLICY_OID,
    rootCertificateDer: rootDer,
    certificateDer: certDer,
    rootCertificatePem: rootPem,
    certificatePem: certPem,
    directory: dir,
    issue: (requestDer: Uint8Array) => issuer.issue(requestDer),
  });
}
