// The Shandong interface of a gateway config: its store, keys, service (a format of the saga),
// reads, and the upstream forwarding when ELC_UPSTREAM_URL is set.
import type { Registry } from 'prom-client';
import type { GatewayConfig } from '../config.js';
import type { LedgerPort } from '../ledger/index.js';
import type { LifecycleSaga } from '../lifecycle/saga.js';
import type { LogService } from '../log/index.js';
import { openShandong, type Shandong } from '../shandong/open.js';
import { readPrivateJwk } from '../shandong/upstream-token.js';
import type { Closers } from './closers.js';

export async function openShandongForConfig(
  config: GatewayConfig,
  deps: { log: LogService; ledger: LedgerPort; saga: LifecycleSaga; registry: Registry; now: () => number },
  closers: Closers,
): Promise<Shandong> {
  const minter =
    config.upstreamUrl === undefined || config.upstreamToken !== undefined || config.upstreamJwkPath === undefined
      ? undefined
      : {
          jwk: await readPrivateJwk(config.upstreamJwkPath),
          claims: { org: config.upstreamOrg ?? '', role: 'bureau' as const, region: config.region },
          issuer: config.jwtIssuer,
          audience: config.jwtAudience,
          now: deps.now,
        };
  const shandong = await openShandong({
    dataDir: config.dataDir,
    log: deps.log,
    ledger: deps.ledger,
    saga: deps.saga,
    piiAlg: config.piiAlg,
    ...(config.piiKey === undefined ? {} : { piiKey: config.piiKey }),
    ...(config.commitmentSecret === undefined ? {} : { commitmentSecret: config.commitmentSecret }),
    ...(config.upstreamUrl === undefined ? {} : { upstreamUrl: config.upstreamUrl, upstreamToken: config.upstreamToken ?? '' }),
    ...(minter === undefined ? {} : { upstreamMinter: minter }),
    registry: deps.registry,
    now: deps.now,
  });
  return closers.add(shandong, (s) => s.close());
}
