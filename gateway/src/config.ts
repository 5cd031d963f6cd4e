// Gateway configuration: `ELC_*` environment variables, parsed once at start into a typed,
// frozen object. A bad value fails the start with a message naming the variable.
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { FabricSettings } from './ledger/fabric/connection.js';
import { readFabricSettings } from './ledger/fabric/settings.js';
import { TILE_CACHE_SIZE } from './log/tile-cache.js';

export type LedgerMode = 'embedded' | 'fabric';
export type HashAlgName = 'sha256' | 'sm3';

export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute path; ELC_DATA_DIR is resolved against the working directory. */
  readonly dataDir: string;
  readonly ledger: LedgerMode;
  /** ELC_FABRIC_*: the Fabric adapter's settings, present when ledger is fabric (docs/fabric.md). */
  readonly fabric?: FabricSettings;
  readonly hash: HashAlgName;
  /** C2SP checkpoint origin line, e.g. `elc.example/log/dev`. */
  readonly origin: string;
  readonly batchMaxSize: number;
  readonly batchMaxAgeMs: number;
  /** At most one checkpoint per this many ms (and only when the tree grew). */
  readonly checkpointIntervalMs: number;
  /** Full tiles kept in memory for proofs (~16 KB each); 0 turns the cache off. */
  readonly tileCacheTiles: number;
  readonly maxEventsPerRequest: number;
  readonly bodyLimitBytes: number;
  /** Requests per minute per org (authenticated) or per IP (public); 0 disables. */
  readonly rateLimitPerMinute: number;
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  /** Absolute path of the JWKS file with the registered org keys. */
  readonly jwksPath: string;
  /** Worker threads that validate and encode ingest batches; 0 validates on the event loop. */
  readonly ingestWorkers: number;
  /** Upper bound for `?wait=checkpoint`. */
  readonly waitTimeoutMs: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** GB/T 2260 region of this gateway's org: its log is registered and its ledger bootstrapped under it. */
  readonly region: string;
  /** RFC 3161 TSA for checkpoint tokens; undefined: the LOCAL development TSA in the data dir. */
  readonly tsaUrl: string | undefined;
  /** Absolute path of the PEM roots of the ELC_TSA_URL TSA (required with it). */
  readonly tsaRootsPath: string | undefined;
  /** ELC_PII_ALG: the AEAD sealing personal data at rest (docs/data-spec-shandong.md). */
  readonly piiAlg: 'aes-256-gcm' | 'sm4-gcm';
  /** ELC_PII_KEY, ELC_COMMITMENT_SECRET (base64 or hex, >= 32 bytes); undefined: 0600 files in the data dir. */
  readonly piiKey: string | undefined;
  readonly commitmentSecret: string | undefined;
  /** ELC_UPSTREAM_URL, ELC_UPSTREAM_TOKEN: forward every accepted Shandong record to this gateway. */
  readonly upstreamUrl: string | undefined;
  readonly upstreamToken: string | undefined;
  /** ELC_UPSTREAM_JWK (absolute path of a private JWK) and ELC_UPSTREAM_ORG: mint the upstream token instead. */
  readonly upstreamJwkPath: string | undefined;
  readonly upstreamOrg: string | undefined;
}

export const CONFIG_DEFAULTS = {
  ELC_PORT: '8080',
  // Loopback by default so a dev start is not reachable from the network; containers set 0.0.0.0.
  ELC_HOST: '127.0.0.1',
  ELC_DATA_DIR: './data',
  ELC_LEDGER: 'embedded',
  ELC_HASH: 'sha256',
  ELC_ORIGIN: 'elc.example/log/dev',
  // Group commit: flush at 256 entries (tessera's size) or when the oldest waited 10 ms (acks wait
  // for the write, so the age is added latency; log/batcher.ts has the measurements).
  ELC_BATCH_MAX_SIZE: '256',
  ELC_BATCH_MAX_AGE_MS: '10',
  // ARCHITECTURE.md: a checkpoint every <= 1 s.
  ELC_CHECKPOINT_INTERVAL_MS: '1000',
  // Every level-0 tile of a 1,000,000-entry log (~64 MB); log/tile-cache.ts.
  ELC_TILE_CACHE_TILES: String(TILE_CACHE_SIZE),
  ELC_MAX_EVENTS_PER_REQUEST: '1000',
  ELC_BODY_LIMIT: '4mb',
  ELC_RATE_LIMIT_PER_MINUTE: '120000',
  ELC_JWT_ISSUER: 'elc-ledger',
  ELC_JWT_AUDIENCE: 'elc-ledger-api',
  ELC_WAIT_TIMEOUT_MS: '10000',
  // One core for HTTP and the log, the others (up to 4) for validation.
  ELC_INGEST_WORKERS: String(Math.max(1, Math.min(4, availableParallelism() - 1))),
  ELC_LOG_LEVEL: 'info',
  // Shandong province, the first deployment (docs/data-spec-shandong.md).
  ELC_REGION: '370000',
  ELC_PII_ALG: 'aes-256-gcm',
} as const;

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };
const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb)?$/i, 'must be bytes, e.g. 1048576, 512kb or 4mb')
  .transform((s) => {
    const m = /^(\d+)([a-z]*)$/i.exec(s);
    return Number(m?.[1]) * (UNITS[(m?.[2] ?? '').toLowerCase()] ?? 1);
  })
  .refine((n) => n >= 1024 && n <= 64 * 1024 * 1024, 'must be between 1kb and 64mb');

// C2SP signed-note: the origin is the first body line, so no whitespace and no control characters.
const origin = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 printable ASCII characters without spaces');
const nonEmpty = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 printable ASCII characters without spaces');

const fields = {
  ELC_PORT: int(0, 65535),
  ELC_HOST: z.string().min(1, 'must not be empty'),
  ELC_DATA_DIR: z.string().min(1, 'must not be empty'),
  ELC_LEDGER: z.enum(['embedded', 'fabric'], 'must be embedded or fabric'),
  ELC_HASH: z.enum(['sha256', 'sm3'], 'must be sha256 or sm3'),
  ELC_ORIGIN: origin,
  ELC_BATCH_MAX_SIZE: int(1, 65536),
  ELC_BATCH_MAX_AGE_MS: int(1, 60_000),
  ELC_CHECKPOINT_INTERVAL_MS: int(10, 3_600_000),
  ELC_TILE_CACHE_TILES: int(0, 10_000_000),
  ELC_MAX_EVENTS_PER_REQUEST: int(1, 10_000),
  ELC_BODY_LIMIT: byteSize,
  ELC_RATE_LIMIT_PER_MINUTE: int(0, 100_000_000),
  ELC_JWT_ISSUER: nonEmpty,
  ELC_JWT_AUDIENCE: nonEmpty,
  ELC_JWKS_PATH: z.string().min(1, 'must not be empty'),
  ELC_WAIT_TIMEOUT_MS: int(100, 600_000),
  ELC_INGEST_WORKERS: int(0, 64),
  ELC_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be a pino level'),
  ELC_REGION: z.string().regex(/^\d{6}$/, 'must be a six-digit GB/T 2260 code'),
  ELC_TSA_URL: z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL'),
  ELC_TSA_ROOTS: z.string().min(1, 'must not be empty'),
  ELC_PII_ALG: z.enum(['aes-256-gcm', 'sm4-gcm'], 'must be aes-256-gcm or sm4-gcm'),
  ELC_PII_KEY: z.string().min(1, 'must not be empty'),
  ELC_COMMITMENT_SECRET: z.string().min(1, 'must not be empty'),
  ELC_UPSTREAM_URL: z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL'),
  ELC_UPSTREAM_TOKEN: z.string().regex(/^[A-Za-z0-9._~+/-]+=*$/, 'must be a bearer token'),
  ELC_UPSTREAM_JWK: z.string().min(1, 'must not be empty'),
  ELC_UPSTREAM_ORG: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,126}$/, 'must be an org id'),
} as const;

type Fields = typeof fields;
type Parsed = { [K in keyof Fields]: z.output<Fields[K]> };

function read<K extends keyof Fields>(env: NodeJS.ProcessEnv, key: K, fallback: string): Parsed[K] {
  const raw = env[key];
  const value = raw === undefined || raw === '' ? fallback : raw.trim();
  const result = fields[key].safeParse(value);
  if (!result.success) {
    throw new ConfigError(key, `${result.error.issues[0]?.message ?? 'invalid'} (got "${value}")`);
  }
  return result.data as Parsed[K];
}

/** Parses the `ELC_*` variables; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): GatewayConfig {
  const d = CONFIG_DEFAULTS;
  const dataDir = resolve(cwd, read(env, 'ELC_DATA_DIR', d.ELC_DATA_DIR));
  const jwksRaw = read(env, 'ELC_JWKS_PATH', resolve(dataDir, 'auth', 'jwks.json'));
  const ledger = read(env, 'ELC_LEDGER', d.ELC_LEDGER);
  const tsaUrl = env['ELC_TSA_URL'] === undefined || env['ELC_TSA_URL'] === '' ? undefined : read(env, 'ELC_TSA_URL', '');
  const tsaRoots = env['ELC_TSA_ROOTS'] === undefined || env['ELC_TSA_ROOTS'] === '' ? undefined : read(env, 'ELC_TSA_ROOTS', '');
  if (tsaUrl !== undefined && tsaRoots === undefined) throw new ConfigError('ELC_TSA_ROOTS', 'is required with ELC_TSA_URL (a PEM file of the TSA roots)');
  const optional = <K extends 'ELC_PII_KEY' | 'ELC_COMMITMENT_SECRET' | 'ELC_UPSTREAM_URL' | 'ELC_UPSTREAM_TOKEN' | 'ELC_UPSTREAM_JWK' | 'ELC_UPSTREAM_ORG'>(key: K): Parsed[K] | undefined =>
    env[key] === undefined || env[key] === '' ? undefined : read(env, key, '');
  const upstreamUrl = optional('ELC_UPSTREAM_URL');
  const upstreamToken = optional('ELC_UPSTREAM_TOKEN');
  const upstreamJwk = optional('ELC_UPSTREAM_JWK');
  const upstreamOrg = optional('ELC_UPSTREAM_ORG');
  if (upstreamJwk !== undefined && upstreamOrg === undefined) throw new ConfigError('ELC_UPSTREAM_ORG', 'is required with ELC_UPSTREAM_JWK (the org the upstream registered the key under)');
  if (upstreamUrl !== undefined && upstreamToken === undefined && upstreamJwk === undefined) {
    throw new ConfigError('ELC_UPSTREAM_TOKEN', 'ELC_UPSTREAM_URL needs ELC_UPSTREAM_TOKEN, or ELC_UPSTREAM_JWK and ELC_UPSTREAM_ORG to mint one');
  }
  const fail = (variable: string, message: string): never => {
    throw new ConfigError(variable, message);
  };
  const fabric = ledger === 'fabric' ? readFabricSettings(env, cwd, fail) : undefined;
  return Object.freeze({
    port: read(env, 'ELC_PORT', d.ELC_PORT),
    host: read(env, 'ELC_HOST', d.ELC_HOST),
    dataDir,
    ledger,
    ...(fabric === undefined ? {} : { fabric }),
    hash: read(env, 'ELC_HASH', d.ELC_HASH),
    origin: read(env, 'ELC_ORIGIN', d.ELC_ORIGIN),
    batchMaxSize: read(env, 'ELC_BATCH_MAX_SIZE', d.ELC_BATCH_MAX_SIZE),
    batchMaxAgeMs: read(env, 'ELC_BATCH_MAX_AGE_MS', d.ELC_BATCH_MAX_AGE_MS),
    checkpointIntervalMs: read(env, 'ELC_CHECKPOINT_INTERVAL_MS', d.ELC_CHECKPOINT_INTERVAL_MS),
    tileCacheTiles: read(env, 'ELC_TILE_CACHE_TILES', d.ELC_TILE_CACHE_TILES),
    maxEventsPerRequest: read(env, 'ELC_MAX_EVENTS_PER_REQUEST', d.ELC_MAX_EVENTS_PER_REQUEST),
    bodyLimitBytes: read(env, 'ELC_BODY_LIMIT', d.ELC_BODY_LIMIT),
    rateLimitPerMinute: read(env, 'ELC_RATE_LIMIT_PER_MINUTE', d.ELC_RATE_LIMIT_PER_MINUTE),
    jwtIssuer: read(env, 'ELC_JWT_ISSUER', d.ELC_JWT_ISSUER),
    jwtAudience: read(env, 'ELC_JWT_AUDIENCE', d.ELC_JWT_AUDIENCE),
    jwksPath: isAbsolute(jwksRaw) ? jwksRaw : resolve(cwd, jwksRaw),
    waitTimeoutMs: read(env, 'ELC_WAIT_TIMEOUT_MS', d.ELC_WAIT_TIMEOUT_MS),
    ingestWorkers: read(env, 'ELC_INGEST_WORKERS', d.ELC_INGEST_WORKERS),
    logLevel: read(env, 'ELC_LOG_LEVEL', d.ELC_LOG_LEVEL),
    region: read(env, 'ELC_REGION', d.ELC_REGION),
    tsaUrl,
    tsaRootsPath: tsaRoots === undefined ? undefined : resolve(cwd, tsaRoots),
    piiAlg: read(env, 'ELC_PII_ALG', d.ELC_PII_ALG),
    piiKey: optional('ELC_PII_KEY'),
    commitmentSecret: optional('ELC_COMMITMENT_SECRET'),
    upstreamUrl,
    upstreamToken,
    upstreamJwkPath: upstreamJwk === undefined ? undefined : resolve(cwd, upstreamJwk),
    upstreamOrg,
  });
}

/** A config for tests and tools: defaults plus overrides, without reading process.env. */
export function configFrom(overrides: Partial<Record<keyof typeof fields, string>>, cwd: string = process.cwd()): GatewayConfig {
  return loadConfig({ ...overrides }, cwd);
}
