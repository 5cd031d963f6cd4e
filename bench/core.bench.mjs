// Core merkle benchmark: `npm run bench:core` (after build). Prints human lines, then ONE JSON
// object as its last line. Numbers, not assertions: tests assert behaviour, this measures speed.
//
// Definitions (all native SHA-256 via @elc/core/node, one process, same run):
// - hashBoundLeavesPerSec: half the hash calls per second on 65-byte inputs. Appending a leaf
//   costs two such calls on average — HASH(0x00 || 64-byte leaf) and HASH(0x01 || l || r), since
//   n leaves make n - 1 interior nodes — so this is the ceiling for a hash-bound tree build.
// - treeBuildLeavesPerSec: 1,000,000 leaves of 64 bytes through leafHash + compact-range append,
//   leaf hashing INCLUDED (the realistic path), no node storage. treeBuildRatio = the two divided.
// - treeBuildPrecomputedLeavesPerSec: the same appends with leaf hashes computed beforehand (one
//   hash call per leaf, so its ceiling is twice hashBoundLeavesPerSec).
// - proofs: from an in-memory store of every perfect node of that 1,000,000-leaf tree, filled
//   through onNode; random (index, size) and (size1, size2) pairs with sizes up to 1,000,000.
// - merkletreejs: v0.6 configured as an RFC 6962 tree (leaves = RFC 6962 leaf hashes, node
//   concatenator 0x01 || l || r, odd nodes promoted — its default) over 100,000 leaves, one proof
//   per leaf by getProof(leaf, index) (its indexed path; by-value lookup is sampled separately).
//   Ours on the same 100,000-leaf tree, its perfect nodes kept as merkletreejs keeps its layers
//   (an array of hash objects per level, filled through onNode): newProofSource (right border
//   folded once for the size, then proofs are reads, as merkletreejs's are) gives the speedup;
//   plain inclusionProof, which folds the right border on every call, is reported beside it.
//   The 1M-leaf store above is instead one flat buffer per level (compact, like tiles), whose
//   reads allocate a view each.
// Other rates are the best of a few rounds (the machine may be shared; rounds are interleaved
// where two numbers are compared).
import { randomBytes, hash as nodeHash } from 'node:crypto';
import { MerkleTree } from 'merkletreejs';
import {
  consistencyProof,
  createLogHasher,
  inclusionProof,
  newCompactRange,
  newProofSource,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';

const N = 1_000_000;
const SEGMENTS = 5;
const SEG = N / SEGMENTS;
const MTJS_N = 100_000;
const LEAF_BYTES = 64;
const results = {};

const provider = nativeHashProvider('sha256');
const hasher = createLogHasher(provider);

/** Runs fn once and returns count per second. */
function rate(count, fn) {
  globalThis.gc?.();
  const start = performance.now();
  fn();
  return count / ((performance.now() - start) / 1000);
}

function report(label, rates, unit) {
  const best = Math.round(Math.max(...rates));
  const all = rates.map((r) => Math.round(r).toLocaleString('en-US')).join(', ');
  console.log(`${label}: ${best.toLocaleString('en-US')} ${unit}/s (rounds: ${all})`);
  return best;
}

// Seeded xorshift so runs pick the same proofs.
let seed = 0x9e3779b9;
function random(bound) {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % bound;
}

/** Every perfect node, one flat buffer per level (how tiles would hold them). */
function createNodeStore(size) {
  const levels = [];
  for (let l = 0; 2 ** l <= size; l++) levels.push(new Uint8Array(Math.floor(size / 2 ** l) * 32));
  return {
    put(level, index, h) {
      levels[level].set(h, index * 32);
    },
    read(level, index) {
      const row = levels[level];
      if (row === undefined || (index + 1) * 32 > row.length) throw new Error(`no node (${level}, ${index})`);
      return row.subarray(index * 32, index * 32 + 32);
    },
  };
}

const leafData = new Uint8Array(randomBytes(N * LEAF_BYTES));
const leaf = (i) => leafData.subarray(i * LEAF_BYTES, (i + 1) * LEAF_BYTES);

console.log(`@elc/core merkle benchmark — native SHA-256, Node ${process.version}`);

// Warm up the JIT on every path before measuring.
{
  const r = newCompactRange(hasher);
  for (let i = 0; i < 50_000; i++) r.append(hasher.leafHash(leaf(i)));
  r.root();
}

// Hash rate and tree build, finely interleaved (CHUNKS rounds of 2*CHUNK hash calls then CHUNK
// appends) and timed in total, so both see the same machine load and their ratio is stable.
const CHUNK = 20_000;
const input65 = new Uint8Array(65);
const range = newCompactRange(hasher);
let hashSeconds = 0;
let buildSeconds = 0;
for (let c = 0; c < N / CHUNK; c++) {
  let t = performance.now();
  for (let i = 0; i < 2 * CHUNK; i++) {
    input65[i & 63] = i;
    provider.hash(input65);
  }
  hashSeconds += (performance.now() - t) / 1000;
  t = performance.now();
  for (let i = c * CHUNK; i < (c + 1) * CHUNK; i++) range.append(hasher.leafHash(leaf(i)));
  buildSeconds += (performance.now() - t) / 1000;
}
const root = range.root();
results.hashCallsPerSec = Math.round((2 * N) / hashSeconds);
results.hashBoundLeavesPerSec = Math.round(results.hashCallsPerSec / 2);
results.treeBuildLeavesPerSec = Math.round(N / buildSeconds);
results.treeBuildRatio = Number((results.treeBuildLeavesPerSec / results.hashBoundLeavesPerSec).toFixed(3));
console.log(`native sha256, 65-byte inputs: ${results.hashCallsPerSec.toLocaleString('en-US')} hashes/s (${2 * N} calls)`);
console.log(
  `tree build, 1M leaves, leaf hashing included: ${results.treeBuildLeavesPerSec.toLocaleString('en-US')} leaves/s ` +
    `= ${results.treeBuildRatio} x the hash bound`,
);

// Leaf hashes in one flat buffer: a million retained hash objects would slow every later GC.
const leafHashFlat = new Uint8Array(N * 32);
for (let i = 0; i < N; i++) leafHashFlat.set(hasher.leafHash(leaf(i)), i * 32);
const leafHashOf = (i) => leafHashFlat.subarray(i * 32, i * 32 + 32);
{
  const pre = newCompactRange(hasher);
  const rates = [];
  for (let s = 0; s < SEGMENTS; s++) {
    rates.push(rate(SEG, () => {
      for (let i = s * SEG; i < (s + 1) * SEG; i++) pre.append(leafHashOf(i));
    }));
  }
  if (toHex(pre.root()) !== toHex(root)) throw new Error('roots differ');
  results.treeBuildPrecomputedLeavesPerSec = report('tree build, precomputed leaf hashes', rates, 'leaves');
}

// The node store, with the roots the verification rounds need.
const PROOFS = 20_000;
const ROUNDS = 3;
const incPairs = [];
const conPairs = [];
for (let k = 0; k < PROOFS; k++) {
  const n = 1 + random(N);
  incPairs.push([random(n), n]);
  const n2 = 2 + random(N - 1);
  conPairs.push([1 + random(n2 - 1), n2]);
}
const VERIFY = 5000;
const wantedRoots = new Set();
for (const [m, n] of conPairs.slice(0, VERIFY)) wantedRoots.add(m).add(n);
for (const [, n] of incPairs.slice(0, VERIFY)) wantedRoots.add(n);
const store = createNodeStore(N);
const roots = new Map();
{
  const stored = newCompactRange(hasher);
  const rates = [];
  for (let s = 0; s < SEGMENTS; s++) {
    rates.push(rate(SEG, () => {
      for (let i = s * SEG; i < (s + 1) * SEG; i++) {
        stored.append(leafHashOf(i), store.put);
        if (wantedRoots.has(i + 1)) roots.set(i + 1, stored.root());
      }
    }));
  }
  results.treeBuildWithStoreLeavesPerSec = report('tree build into the node store (onNode)', rates, 'leaves');
}

const incRates = [];
const conRates = [];
for (let r = 0; r < ROUNDS; r++) {
  incRates.push(rate(PROOFS, () => {
    for (const [i, n] of incPairs) inclusionProof(hasher, i, n, store.read);
  }));
  conRates.push(rate(PROOFS, () => {
    for (const [m, n] of conPairs) consistencyProof(hasher, m, n, store.read);
  }));
}
results.inclusionProofsPerSec = report('inclusion proofs, random (index, size) <= 1M', incRates, 'proofs');
results.consistencyProofsPerSec = report('consistency proofs, random (size1, size2) <= 1M', conRates, 'proofs');

const incProofs = incPairs.slice(0, VERIFY).map(([i, n]) => inclusionProof(hasher, i, n, store.read));
const conProofs = conPairs.slice(0, VERIFY).map(([m, n]) => consistencyProof(hasher, m, n, store.read));
const vInc = [];
const vCon = [];
for (let r = 0; r < ROUNDS; r++) {
  vInc.push(rate(VERIFY, () => {
    for (let k = 0; k < VERIFY; k++) {
      const [i, n] = incPairs[k];
      verifyInclusion(hasher, i, n, leafHashOf(i), incProofs[k], roots.get(n));
    }
  }));
  vCon.push(rate(VERIFY, () => {
    for (let k = 0; k < VERIFY; k++) {
      const [m, n] = conPairs[k];
      verifyConsistency(hasher, m, n, conProofs[k], roots.get(m), roots.get(n));
    }
  }));
}
results.verifyInclusionPerSec = report('verifyInclusion', vInc, 'proofs');
results.verifyConsistencyPerSec = report('verifyConsistency', vCon, 'proofs');

// merkletreejs on the first 100,000 leaves, same native hash function.
const sha256 = (data) => nodeHash('sha256', data, 'buffer');
const NODE_PREFIX = Buffer.from([0x01]);
const mtLeaves = Array.from({ length: MTJS_N }, (_, i) => Buffer.from(leafHashOf(i)));
const mt = new MerkleTree(mtLeaves, sha256, { concatenator: (parts) => Buffer.concat([NODE_PREFIX, ...parts]) });
const small = newCompactRange(hasher);
const layers = [];
for (let i = 0; i < MTJS_N; i++) small.append(leafHashOf(i), (level, index, h) => ((layers[level] ??= [])[index] = h));
const readLayers = (level, index) => {
  const h = layers[level]?.[index];
  if (h === undefined) throw new Error(`no node (${level}, ${index})`);
  return h;
};
if (mt.getRoot().toString('hex') !== toHex(small.root())) throw new Error('merkletreejs is not building the RFC 6962 tree');
const agree = [0, 1, 65_535, 65_536, 99_998, 99_999].every(
  (i) =>
    mt.getProof(mtLeaves[i], i).map((p) => p.data.toString('hex')).join() ===
    inclusionProof(hasher, i, MTJS_N, readLayers).map(toHex).join(),
);
if (!agree) throw new Error('merkletreejs proofs differ from ours');
console.log('merkletreejs root and proofs match ours (RFC 6962)');

// Every proof is consumed (a byte folded into `sink`) so the JIT cannot drop unused work.
let sink = 0;
const mtRates = [];
const sourceRates = [];
const plainRates = [];
for (let r = 0; r < ROUNDS; r++) {
  mtRates.push(rate(MTJS_N, () => {
    for (let i = 0; i < MTJS_N; i++) {
      const proof = mt.getProof(mtLeaves[i], i);
      sink ^= proof[proof.length - 1].data[0];
    }
  }));
  sourceRates.push(rate(MTJS_N, () => {
    const source = newProofSource(hasher, MTJS_N, readLayers);
    for (let i = 0; i < MTJS_N; i++) {
      const proof = source.inclusionProof(i);
      sink ^= proof[proof.length - 1][0];
    }
  }));
  plainRates.push(rate(MTJS_N, () => {
    for (let i = 0; i < MTJS_N; i++) {
      const proof = inclusionProof(hasher, i, MTJS_N, readLayers);
      sink ^= proof[proof.length - 1][0];
    }
  }));
}
results.merkletreejsProofsPerSec = report('merkletreejs getProof(leaf, index), 100k leaves', mtRates, 'proofs');
results.oursProofSourcePerSec100k = report('our newProofSource(100k).inclusionProof', sourceRates, 'proofs');
results.oursPlainProofsPerSec100k = report('our inclusionProof (folds per call), 100k', plainRates, 'proofs');
results.proofSpeedupVsMerkletreejs = Number((results.oursProofSourcePerSec100k / results.merkletreejsProofsPerSec).toFixed(2));
results.plainProofSpeedupVsMerkletreejs = Number((results.oursPlainProofsPerSec100k / results.merkletreejsProofsPerSec).toFixed(2));
// Without an index merkletreejs scans every leaf per proof; a sample shows that cost.
const LOOKUPS = 100;
results.merkletreejsProofsByLeafLookupPerSec = report('merkletreejs getProof(leaf) by lookup (sample)', [
  rate(LOOKUPS, () => {
    for (let k = 0; k < LOOKUPS; k++) mt.getProof(mtLeaves[random(MTJS_N)]);
  }),
], 'proofs');

results.proofSpeedupVsMerkletreejsByLeafLookup = Math.round(
  results.oursProofSourcePerSec100k / results.merkletreejsProofsByLeafLookupPerSec,
);

results.sink = sink; // printed so the consumed bytes stay live
results.n = N;
results.merkletreejsN = MTJS_N;
results.node = process.version;
console.log(JSON.stringify(results));
