// Reading the files of network/ for the tests: YAML through a maintained parser (with merge
// keys, as Compose and configtxgen read them), compose services with their merged settings.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { repoRoot } from '../../support/paths.js';

export const networkDir = join(repoRoot, 'network');
export const composeDir = join(networkDir, 'compose');
export const scriptPath = join(repoRoot, 'scripts', 'network.sh');
export const fabricDocPath = join(repoRoot, 'docs', 'fabric.md');

export type Yaml = Record<string, unknown>;

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Parses one YAML file strictly: any parser error or warning fails. */
export function readYaml(path: string): Yaml {
  const doc = parseDocument(readText(path), { merge: true, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) throw new Error(`${relative(repoRoot, path)}: ${problems.map((p) => p.message).join('; ')}`);
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${path}: not a mapping`);
  return value as Yaml;
}

/** Every file under `dir` whose name ends with one of `exts`, skipping network/out. */
export function filesUnder(dir: string, exts: readonly string[]): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (path === join(networkDir, 'out')) continue;
    if (statSync(path).isDirectory()) found.push(...filesUnder(path, exts));
    else if (exts.some((e) => name.endsWith(e))) found.push(path);
  }
  return found.sort();
}

export function obj(value: unknown, what: string): Yaml {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} is not a mapping`);
  return value as Yaml;
}

export function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list`);
  return value;
}

export function str(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} is not a string`);
  return value;
}

export interface Service {
  readonly name: string;
  readonly file: string;
  readonly image: string | undefined;
  readonly environment: Record<string, string>;
  readonly volumes: string[];
  readonly ports: string[];
  readonly profiles: string[];
  readonly raw: Yaml;
}

/** The services of a compose file, environment as a map (merge keys resolved). */
export function services(file: string): Service[] {
  const doc = readYaml(join(composeDir, file));
  return Object.entries(obj(doc['services'], `${file} services`)).map(([name, value]) => {
    const raw = obj(value, `${file} ${name}`);
    const env = raw['environment'] === undefined ? {} : obj(raw['environment'], `${name} environment`);
    return {
      name,
      file,
      image: typeof raw['image'] === 'string' ? raw['image'] : undefined,
      environment: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
      volumes: raw['volumes'] === undefined ? [] : list(raw['volumes'], `${name} volumes`).map((v) => str(v, `${name} volume`)),
      ports: raw['ports'] === undefined ? [] : list(raw['ports'], `${name} ports`).map((p) => String(p)),
      profiles: raw['profiles'] === undefined ? [] : list(raw['profiles'], `${name} profiles`).map((p) => String(p)),
      raw,
    };
  });
}

/** A bind mount's host side, resolved against the compose file's folder; undefined for named volumes. */
export function bindSource(volume: string): string | undefined {
  const source = volume.split(':')[0] ?? '';
  if (!source.startsWith('.') && !source.startsWith('/')) return undefined;
  return resolve(composeDir, source);
}

export function isGenerated(path: string): boolean {
  return !relative(join(networkDir, 'out'), path).startsWith('..');
}

export function exists(path: string): boolean {
  return existsSync(path);
}

export function resolveFrom(file: string, path: string): string {
  return resolve(dirname(file), path);
}
