/**
 * The ELC_FABRIC_* variables (docs/fabric.md "Gateway settings", the env file that
 * `scripts/network.sh deploy` writes) parsed into FabricSettings. config.ts calls this when
 * ELC_LEDGER=fabric; `fail` throws its ConfigError, so a bad start names the variable.
 */
import { isAbsolute, resolve } from 'node:path';
import type { FabricSettings } from './connection.js';

/** Every variable the adapter reads; all required but the host alias. */
export const FABRIC_ENV = {
  peerEndpoint: 'ELC_FABRIC_PEER_ENDPOINT',
  peerHostAlias: 'ELC_FABRIC_PEER_HOST_ALIAS',
  tlsCertPath: 'ELC_FABRIC_TLS_CERT',
  mspId: 'ELC_FABRIC_MSP_ID',
  certPath: 'ELC_FABRIC_CERT',
  keyPath: 'ELC_FABRIC_KEY',
  channel: 'ELC_FABRIC_CHANNEL',
  chaincode: 'ELC_FABRIC_CHAINCODE',
} as const;

// host:port, the host a DNS name, IPv4 or [IPv6]
const ENDPOINT = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/;
// Fabric: channel names [a-z][a-z0-9.-]*, chaincode names [a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*
const CHANNEL = /^[a-z][a-z0-9.-]{0,248}$/;
const CHAINCODE = /^[a-zA-Z0-9]+(?:[-_][a-zA-Z0-9]+)*$/;
const MSP_ID = /^[\x21-\x7e]{1,255}$/;
const HOST = /^[A-Za-z0-9.-]{1,253}$/;

export function readFabricSettings(env: NodeJS.ProcessEnv, cwd: string, fail: (variable: string, message: string) => never): FabricSettings {
  const get = (name: string, pattern: RegExp, what: string): string => {
    const value = env[name]?.trim() ?? '';
    if (value === '') fail(name, 'required when ELC_LEDGER=fabric (docs/fabric.md "Gateway settings")');
    if (!pattern.test(value)) fail(name, `must be ${what} (got "${value}")`);
    return value;
  };
  const path = (name: string): string => {
    const value = get(name, /^.+$/, 'a file path');
    return isAbsolute(value) ? value : resolve(cwd, value);
  };
  const alias = env[FABRIC_ENV.peerHostAlias]?.trim() ?? '';
  if (alias !== '' && !HOST.test(alias)) fail(FABRIC_ENV.peerHostAlias, `must be a host name (got "${alias}")`);
  return {
    peerEndpoint: get(FABRIC_ENV.peerEndpoint, ENDPOINT, 'host:port'),
    ...(alias === '' ? {} : { peerHostAlias: alias }),
    tlsCertPath: path(FABRIC_ENV.tlsCertPath),
    mspId: get(FABRIC_ENV.mspId, MSP_ID, 'an MSP id'),
    certPath: path(FABRIC_ENV.certPath),
    keyPath: path(FABRIC_ENV.keyPath),
    channel: get(FABRIC_ENV.channel, CHANNEL, 'a Fabric channel name'),
    chaincode: get(FABRIC_ENV.chaincode, CHAINCODE, 'a Fabric chaincode name'),
  };
}
