/**
 * The adapter's connection to its org's peer: the client identity and signer from PEM files, and
 * one gRPC connection (TLS) to the peer's Gateway service, shared by every call and event stream.
 * The Gateway service itself fans endorsements out to the other orgs' peers and submits to the
 * orderers, so the client needs no connection of its own to them.
 */
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers } from '@hyperledger/fabric-gateway';
import type { Gateway, Identity, Signer } from '@hyperledger/fabric-gateway';
import { ElcError } from '@elc/core';

/** The ELC_FABRIC_* settings (docs/fabric.md "Gateway settings"). */
export interface FabricSettings {
  /** host:port of the org's peer (ELC_FABRIC_PEER_ENDPOINT) */
  readonly peerEndpoint: string;
  /** TLS server name of that peer, when it differs from the endpoint's host (ELC_FABRIC_PEER_HOST_ALIAS) */
  readonly peerHostAlias?: string;
  /** PEM file: the CA of the peer's TLS certificate (ELC_FABRIC_TLS_CERT) */
  readonly tlsCertPath: string;
  /** ELC_FABRIC_MSP_ID */
  readonly mspId: string;
  /** PEM file: the client's enrolment certificate (ELC_FABRIC_CERT) */
  readonly certPath: string;
  /** PEM file: its PKCS#8 private key (ELC_FABRIC_KEY) */
  readonly keyPath: string;
  /** ELC_FABRIC_CHANNEL */
  readonly channel: string;
  /** ELC_FABRIC_CHAINCODE */
  readonly chaincode: string;
}

/** Per-call deadlines. A call past its deadline fails with LEDGER_UNAVAILABLE. */
export interface FabricDeadlines {
  readonly evaluateMs: number;
  readonly endorseMs: number;
  readonly submitMs: number;
  readonly commitStatusMs: number;
}

// fabric-gateway's samples: 5 s to evaluate, 15 s to endorse, 5 s to submit, 1 min for the commit.
export const DEFAULT_FABRIC_DEADLINES: FabricDeadlines = { evaluateMs: 5_000, endorseMs: 15_000, submitMs: 5_000, commitStatusMs: 60_000 };

export interface FabricConnection {
  readonly gateway: Gateway;
  readonly mspId: string;
  /** closes the gateway and then the gRPC connection */
  close(): void;
}

async function readPem(path: string, variable: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new ElcError('LEDGER_UNAVAILABLE', `${variable}: cannot read ${path}`, { cause });
  }
}

/** The identity (MSP id and certificate) and the signer (ECDSA with the private key) from files. */
export async function loadIdentity(s: Pick<FabricSettings, 'mspId' | 'certPath' | 'keyPath'>): Promise<{ identity: Identity; signer: Signer }> {
  const [cert, key] = [await readPem(s.certPath, 'ELC_FABRIC_CERT'), await readPem(s.keyPath, 'ELC_FABRIC_KEY')];
  let signer: Signer;
  try {
    signer = signers.newPrivateKeySigner(createPrivateKey(key));
  } catch (cause) {
    throw new ElcError('LEDGER_UNAVAILABLE', 'ELC_FABRIC_KEY: not a usable private key', { cause });
  }
  return { identity: { mspId: s.mspId, credentials: new Uint8Array(cert) }, signer };
}

/** One gRPC connection to a peer over TLS. */
export function newPeerClient(endpoint: string, tlsRootCert: Uint8Array, hostAlias?: string): grpc.Client {
  const credentials = grpc.credentials.createSsl(Buffer.from(tlsRootCert));
  return new grpc.Client(endpoint, credentials, hostAlias === undefined || hostAlias === '' ? {} : { 'grpc.ssl_target_name_override': hostAlias });
}

function deadline(ms: number): () => grpc.CallOptions {
  return () => ({ deadline: Date.now() + ms });
}

export async function openFabricConnection(s: FabricSettings, deadlines: FabricDeadlines = DEFAULT_FABRIC_DEADLINES): Promise<FabricConnection> {
  const tls = await readPem(s.tlsCertPath, 'ELC_FABRIC_TLS_CERT');
  const { identity, signer } = await loadIdentity(s);
  const client = newPeerClient(s.peerEndpoint, tls, s.peerHostAlias);
  const gateway = connect({
    client,
    identity,
    signer,
    hash: hash.sha256,
    evaluateOptions: deadline(deadlines.evaluateMs),
    endorseOptions: deadline(deadlines.endorseMs),
    submitOptions: deadline(deadlines.submitMs),
    commitStatusOptions: deadline(deadlines.commitStatusMs),
  });
  return {
    gateway,
    mspId: s.mspId,
    close() {
      gateway.close();
      client.close();
    },
  };
}
