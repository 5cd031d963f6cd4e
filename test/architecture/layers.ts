// The import rules of the repository ("nevers"), as data, and a checker that reads every source
// file's imports with TypeScript's own pre-processor. imports.test.ts runs them over the tree.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';

/** One import of one file: the specifier as written, and the repository path it resolves to (relative ones). */
export interface ImportEdge {
  readonly from: string;
  readonly specifier: string;
  /** repository path of a relative import, without extension; undefined for packages */
  readonly target: string | undefined;
}

export interface Rule {
  readonly name: string;
  /** files the rule is about (repository paths, '/' separated) */
  readonly files: (path: string) => boolean;
  /** true when the import breaks the rule */
  readonly forbids: (edge: ImportEdge) => boolean;
}

const isTest = (p: string): boolean => /\.(test|test-support)\.ts$/.test(p) || p.includes('/test/');
const under = (dir: string) => (p: string) => p.startsWith(`${dir}/`);
const source = (dir: string) => (p: string) => under(dir)(p) && !isTest(p);
/** The workspace package an import names, e.g. '@elc/core/node' -> 'core'. */
const elcPackage = (e: ImportEdge): string | undefined => /^@elc\/([^/]+)/.exec(e.specifier)?.[1];
/** A relative import that leaves `dir`. */
const leaves = (dir: string) => (e: ImportEdge) => e.target !== undefined && !e.target.startsWith(`${dir}/`);
const featureOf = (p: string | undefined): string | undefined => /^gateway\/src\/features\/([^/]+)\//.exec(p ?? '')?.[1];
const GATEWAY_TOP = ['gateway/src/features/', 'gateway/src/compose/', 'gateway/src/http/', 'gateway/src/app', 'gateway/src/main', 'gateway/src/index', 'gateway/src/cli/'];

export const RULES: readonly Rule[] = [
  {
    name: 'core imports nothing of the project',
    files: source('core/src'),
    forbids: (e) => (elcPackage(e) !== undefined && elcPackage(e) !== 'core') || leaves('core')(e),
  },
  {
    name: 'chaincode imports only core',
    files: source('chaincode/src'),
    forbids: (e) => (elcPackage(e) !== undefined && elcPackage(e) !== 'core') || leaves('chaincode')(e),
  },
  {
    name: 'cli imports only core',
    files: source('cli/src'),
    forbids: (e) => (elcPackage(e) !== undefined && elcPackage(e) !== 'core') || leaves('cli')(e),
  },
  {
    name: 'ledger-sim never imports the gateway or the cli',
    files: source('ledger-sim/src'),
    forbids: (e) => elcPackage(e) === 'gateway' || elcPackage(e) === 'cli' || leaves('ledger-sim')(e),
  },
  {
    name: 'a feature never imports another feature',
    files: (p) => featureOf(p) !== undefined,
    forbids: (e) => featureOf(e.target) !== undefined && featureOf(e.target) !== featureOf(e.from),
  },
  {
    name: 'routes never import level or a store module',
    files: under('gateway/src/features'),
    forbids: (e) => ['level', 'classic-level'].includes(e.specifier) || /(^|\/)([a-z-]*store|[a-z-]*journal)$/.test(e.target ?? ''),
  },
  {
    name: 'the Fabric and embedded ledger adapters never import each other',
    files: (p) => under('gateway/src/ledger/fabric')(p) || under('gateway/src/ledger/embedded')(p),
    forbids: (e) => {
      const fabric = e.from.startsWith('gateway/src/ledger/fabric/');
      const other = fabric ? 'gateway/src/ledger/embedded/' : 'gateway/src/ledger/fabric/';
      // Each adapter also keeps to its own engine: the simulated peer, or Fabric's client.
      const engine = fabric ? elcPackage(e) === 'ledger-sim' : e.specifier.startsWith('@hyperledger/fabric-gateway');
      return engine || (e.target !== undefined && e.target.startsWith(other));
    },
  },
  {
    name: 'subsystems import only downward (never features, compose, http, the app or the CLI)',
    files: (p) => source('gateway/src')(p) && !GATEWAY_TOP.some((t) => p.startsWith(t)),
    forbids: (e) => e.target !== undefined && GATEWAY_TOP.some((t) => (e.target as string).startsWith(t)),
  },
  {
    name: 'http never imports features or compose',
    files: source('gateway/src/http'),
    forbids: (e) => e.target !== undefined && (e.target.startsWith('gateway/src/features/') || e.target.startsWith('gateway/src/compose/')),
  },
];

const SOURCE_DIRS = ['core/src', 'chaincode/src', 'cli/src', 'ledger-sim/src', 'gateway/src', 'web/src'];

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|vue)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
}

/** Every source file of the packages that exist, as repository paths. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  for (const d of SOURCE_DIRS) if (existsSync(join(root, d))) walk(join(root, d), out);
  return out.map((p) => relative(root, p).split(sep).join('/'));
}

/** The imports of one file (import, export from, dynamic import, require). */
export function importsOf(root: string, path: string): ImportEdge[] {
  const text = readFileSync(join(root, path), 'utf8');
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map(({ fileName }) => {
    const target = fileName.startsWith('.')
      ? normalize(join(dirname(path), fileName))
          .split(sep)
          .join('/')
          .replace(/\.(js|ts|mjs)$/, '')
      : undefined;
    return { from: path, specifier: fileName, target };
  });
}

export interface Violation {
  readonly rule: string;
  readonly edge: ImportEdge;
}

export function check(edges: readonly ImportEdge[], rules: readonly Rule[] = RULES): Violation[] {
  const out: Violation[] = [];
  for (const edge of edges) for (const rule of rules) if (rule.files(edge.from) && rule.forbids(edge)) out.push({ rule: rule.name, edge });
  return out;
}
