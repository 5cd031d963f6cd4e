/**
 * The simulated peer's blocks: hash-chained like Fabric's (number, previous block hash, data
 * hash), each holding committed transactions with their signed proposals, read/write sets and
 * events. Hashes are SHA-256 over RFC 8785 canonical JSON, so any JSON tool can recompute them:
 *
 *   dataHash  = SHA-256(canonical(txs))
 *   blockHash = SHA-256(canonical({number, previousHash, dataHash}))
 *
 * The genesis block's previousHash is 64 zeros.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@elc/core';

export const GENESIS_PREVIOUS_HASH = '0'.repeat(64);

export interface BlockHeader {
  readonly number: number;
  /** hex SHA-256 of the previous block's header */
  readonly previousHash: string;
  /** hex SHA-256 of the canonical JSON of `txs` */
  readonly dataHash: string;
}

export interface ReadEntry {
  readonly key: string;
  /** null: the key did not exist when read */
  readonly version: { readonly blockNumber: number; readonly txNumber: number } | null;
}

export interface RangeQueryEntry {
  readonly startKey: string;
  readonly endKey: string;
  readonly keys: readonly string[];
}

export interface WriteEntry {
  readonly key: string;
  readonly isDelete: boolean;
  /** base64 of the value; '' for a delete */
  readonly value: string;
}

export interface BlockTx {
  readonly txId: string;
  /** proposal timestamp, RFC 3339 with ms */
  readonly timestamp: string;
  readonly creatorMspId: string;
  readonly fn: string;
  /** the arguments after the function name, as submitted */
  readonly args: readonly string[];
  /** the signed proposal (base64): anyone can check the creator signed this transaction */
  readonly proposal: { readonly bytes: string; readonly signature: string };
  readonly rwset: { readonly reads: readonly ReadEntry[]; readonly rangeQueries: readonly RangeQueryEntry[]; readonly writes: readonly WriteEntry[] };
  /** every stored transaction is valid: refused proposals are never ordered */
  readonly status: 'VALID';
  /** the chaincode's result (canonical JSON text) */
  readonly result: string;
  readonly event: { readonly name: string; readonly payload: string } | null;
}

export interface Block {
  readonly header: BlockHeader;
  readonly txs: readonly BlockTx[];
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function dataHashOf(txs: readonly BlockTx[]): string {
  return sha256Hex(canonicalJson(txs));
}

export function blockHashOf(header: BlockHeader): string {
  return sha256Hex(canonicalJson({ number: header.number, previousHash: header.previousHash, dataHash: header.dataHash }));
}

export function makeBlock(number: number, previousHash: string, txs: readonly BlockTx[]): Block {
  return { header: { number, previousHash, dataHash: dataHashOf(txs) }, txs };
}

export function encodeBlock(block: Block): string {
  return canonicalJson(block);
}

export function decodeBlock(text: string): Block {
  return JSON.parse(text) as Block;
}
