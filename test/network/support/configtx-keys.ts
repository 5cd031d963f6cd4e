// configtxgen decodes configtx.yaml strictly (mapstructure ErrorUnused): a key it does not know
// anywhere in the file, even in a profile nobody uses, stops it. These are the field names of
// its genesisconfig structs (internal/configtxgen/genesisconfig/config.go) in Fabric 2.5 and 3.1,
// and of the etcdraft and SmartBFT option messages; the walker reports unknown keys.

type Shape = { readonly [key: string]: Shape | 'leaf' | 'map' | readonly ['list', Shape | 'leaf'] };

const policy: Shape = { Type: 'leaf', Rule: 'leaf' };
const policies: Shape = { '*': policy };
const organization: Shape = {
  Name: 'leaf',
  SkipAsForeign: 'leaf',
  ID: 'leaf',
  MSPDir: 'leaf',
  MSPType: 'leaf',
  Policies: policies,
  AnchorPeers: ['list', { Host: 'leaf', Port: 'leaf' }],
  OrdererEndpoints: ['list', 'leaf'],
  AdminPrincipal: 'leaf',
};
const application: Shape = { Organizations: ['list', organization], Capabilities: 'map', Policies: policies, ACLs: 'map' };
const batchSize: Shape = { MaxMessageCount: 'leaf', AbsoluteMaxBytes: 'leaf', PreferredMaxBytes: 'leaf' };
const etcdRaft: Shape = {
  Consenters: ['list', { Host: 'leaf', Port: 'leaf', ClientTLSCert: 'leaf', ServerTLSCert: 'leaf' }],
  Options: { TickInterval: 'leaf', ElectionTick: 'leaf', HeartbeatTick: 'leaf', MaxInflightBlocks: 'leaf', SnapshotIntervalSize: 'leaf' },
};
const ordererCommon = {
  OrdererType: 'leaf',
  Addresses: ['list', 'leaf'],
  BatchTimeout: 'leaf',
  BatchSize: batchSize,
  EtcdRaft: etcdRaft,
  Organizations: ['list', organization],
  MaxChannels: 'leaf',
  Capabilities: 'map',
  Policies: policies,
} as const;
const smartBft: Shape = Object.fromEntries(
  [
    'RequestBatchMaxCount', 'RequestBatchMaxBytes', 'RequestBatchMaxInterval', 'IncomingMessageBufferSize', 'RequestPoolSize',
    'RequestForwardTimeout', 'RequestComplainTimeout', 'RequestAutoRemoveTimeout', 'ViewChangeResendInterval', 'ViewChangeTimeout',
    'LeaderHeartbeatTimeout', 'LeaderHeartbeatCount', 'CollectTimeout', 'SyncOnStart', 'SpeedUpViewChange', 'LeaderRotation',
    'DecisionsPerLeader', 'RequestMaxBytes', 'RequestPoolSubmitTimeout',
  ].map((k) => [k, 'leaf']),
);
const consenter: Shape = { ID: 'leaf', Host: 'leaf', Port: 'leaf', MSPID: 'leaf', Identity: 'leaf', ClientTLSCert: 'leaf', ServerTLSCert: 'leaf' };

function topLevel(orderer: Shape): Shape {
  const profile: Shape = { Consortium: 'leaf', Application: application, Orderer: orderer, Consortiums: 'map', Capabilities: 'map', Policies: policies };
  return { Profiles: { '*': profile }, Organizations: ['list', organization], Channel: profile, Application: application, Orderer: orderer, Capabilities: 'map' };
}

/** Fabric 2.5: the orderer knows Kafka and EtcdRaft, not the BFT keys. */
export const CONFIGTX_2_5 = topLevel({ ...ordererCommon, Kafka: { Brokers: ['list', 'leaf'] } });
/** Fabric 3.1: Kafka is gone; ConsenterMapping and SmartBFT are known. */
export const CONFIGTX_3_1 = topLevel({ ...ordererCommon, ConsenterMapping: ['list', consenter], SmartBFT: smartBft });

/** The paths of the keys in `value` that `shape` does not know. */
export function unknownKeys(value: unknown, shape: Shape | 'leaf' | 'map' | readonly ['list', Shape | 'leaf'], path = ''): string[] {
  if (shape === 'leaf' || shape === 'map' || value === null || value === undefined) return [];
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return [`${path}: expected a list`];
    return value.flatMap((v, i) => unknownKeys(v, shape[1] as Shape | 'leaf', `${path}[${i}]`));
  }
  if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected a mapping`];
  const s = shape as Shape;
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const sub = s[k] ?? s['*'];
    return sub === undefined ? [`${path}${path ? '.' : ''}${k}`] : unknownKeys(v, sub, `${path}${path ? '.' : ''}${k}`);
  });
}
