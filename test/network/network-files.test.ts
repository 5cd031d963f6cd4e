// The Fabric network for users (network/, scripts/network.sh, docs/fabric.md) cannot be started
// here (no Docker engine), so these tests hold its files to the facts it depends on: every YAML
// parses, the channel and its orgs, what the endorsement policies admit, pinned images, no Docker
// socket on the peers, the CCaaS wiring from the peer's builder config to the chaincode container,
// every path compose mounts, the script's syntax and constants, and the gateway settings contract.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import {
  bindSource,
  composeDir,
  exists,
  fabricDocPath,
  filesUnder,
  isGenerated,
  list,
  networkDir,
  obj,
  readText,
  readYaml,
  resolveFrom,
  scriptPath,
  services,
  str,
  type Yaml,
} from './support/network-files.js';
import { CONFIGTX_2_5, CONFIGTX_3_1, unknownKeys } from './support/configtx-keys.js';
import { mspsOf, parsePolicy, satisfied, type Signer } from './support/signature-policy.js';

const configtxPath = join(networkDir, 'configtx', 'configtx.yaml');
const configtxBftPath = join(networkDir, 'configtx-bft', 'configtx.yaml');
const configtx = readYaml(configtxPath);
const configtxBft = readYaml(configtxBftPath);
const script = readText(scriptPath);

const PEER_ORGS = { BureauMSP: 'bureau', VendorMSP: 'vendor', ArbitrationMSP: 'arbitration' } as const;
const peer = (msp: string): Signer => ({ msp, role: 'peer' });
const admin = (msp: string): Signer => ({ msp, role: 'admin' });

function profile(doc: Yaml, name: string): Yaml {
  return obj(obj(doc['Profiles'], 'Profiles')[name], `profile ${name}`);
}

function appOrgIds(p: Yaml): string[] {
  return list(obj(p['Application'], 'Application')['Organizations'], 'orgs').map((o) => str(obj(o, 'org')['ID'], 'org ID'));
}

function appPolicy(p: Yaml, name: string): { type: string; rule: string } {
  const pol = obj(obj(obj(p['Application'], 'Application')['Policies'], 'policies')[name], name);
  return { type: str(pol['Type'], 'Type'), rule: str(pol['Rule'], 'Rule') };
}

function scriptConst(name: string): string {
  const m = new RegExp(`^${name}=([^\\s]+)$`, 'm').exec(script);
  if (m?.[1] === undefined) throw new Error(`scripts/network.sh has no ${name}=`);
  return m[1];
}

describe('every YAML file under network/ parses', () => {
  const files = filesUnder(networkDir, ['.yaml', '.yml']);
  it('finds the compose, configtx, crypto and CA files', () => {
    const names = files.map((f) => f.slice(networkDir.length + 1));
    expect(names).toEqual(
      expect.arrayContaining([
        'compose/compose-net.yaml',
        'compose/compose-ca.yaml',
        'compose/compose-ccaas.yaml',
        'compose/compose-bft.yaml',
        'configtx/configtx.yaml',
        'configtx-bft/configtx.yaml',
        'crypto/crypto-config-orderer.yaml',
        'crypto/crypto-config-bureau.yaml',
        'crypto/crypto-config-vendor.yaml',
        'crypto/crypto-config-arbitration.yaml',
        'ca/msp-config.yaml',
      ]),
    );
  });
  it.each(files.map((f) => [f.slice(repoRoot.length + 1), f]))('%s', (_name, file) => {
    expect(Object.keys(readYaml(file)).length).toBeGreaterThan(0);
  });
  it('the CCaaS package templates are JSON with the fields the ccaas builder reads', () => {
    const conn = JSON.parse(readText(join(networkDir, 'ccaas', 'connection.json'))) as Record<string, unknown>;
    const meta = JSON.parse(readText(join(networkDir, 'ccaas', 'metadata.json'))) as Record<string, unknown>;
    expect(Object.keys(conn).sort()).toEqual(['address', 'dial_timeout', 'tls_required']);
    expect(meta).toEqual({ type: 'ccaas', label: '__LABEL__' });
  });
});

describe('configtx: only keys that configtxgen knows (it decodes the whole file strictly)', () => {
  it('the Raft file has no key unknown to configtxgen 2.5', () => {
    expect(unknownKeys(configtx, CONFIGTX_2_5)).toEqual([]);
  });
  it('the SmartBFT file has no key unknown to configtxgen 3.1', () => {
    expect(unknownKeys(configtxBft, CONFIGTX_3_1)).toEqual([]);
  });
  it('the check finds what 2.5 would refuse: the BFT keys, a stray top-level anchor, a misspelt policy field', () => {
    expect(unknownKeys(configtxBft, CONFIGTX_2_5)).toEqual(expect.arrayContaining(['Profiles.ElcChannelBFT.Orderer.ConsenterMapping', 'Profiles.ElcChannelBFT.Orderer.SmartBFT']));
    expect(unknownKeys({ ...configtx, RaftOptions: {} }, CONFIGTX_2_5)).toEqual(['RaftOptions']);
    expect(unknownKeys({ Application: { Policies: { Admins: { Type: 'Signature', Rules: 'x' } } } }, CONFIGTX_2_5)).toEqual(['Application.Policies.Admins.Rules']);
  });
});

describe('configtx: channel elc without a system channel', () => {
  const profiles = Object.keys(obj(configtx['Profiles'], 'Profiles'));

  it('has the Raft profiles for one or three orderers, with and without arbitration', () => {
    expect(profiles.sort()).toEqual(['ElcChannel', 'ElcChannelArbitration', 'ElcChannelRaft3', 'ElcChannelRaft3Arbitration']);
  });

  it.each(profiles)('%s: application orgs, capabilities, no consortium, consenters that cryptogen makes', (name) => {
    const p = profile(configtx, name);
    expect(p['Consortium']).toBeUndefined();
    expect(p['Consortiums']).toBeUndefined();
    const orgs = appOrgIds(p);
    expect(orgs).toEqual(name.endsWith('Arbitration') ? ['BureauMSP', 'VendorMSP', 'ArbitrationMSP'] : ['BureauMSP', 'VendorMSP']);
    expect(obj(p['Capabilities'], 'Channel capabilities')).toEqual({ V2_0: true });
    expect(obj(obj(p['Application'], 'app')['Capabilities'], 'app capabilities')).toEqual({ V2_5: true });
    const orderer = obj(p['Orderer'], 'Orderer');
    expect(orderer['OrdererType']).toBe('etcdraft');
    const consenters = list(obj(orderer['EtcdRaft'], 'EtcdRaft')['Consenters'], 'consenters').map((c) => obj(c, 'consenter'));
    expect(consenters.map((c) => c['Host'])).toEqual(
      name.includes('Raft3') ? ['orderer0.orderer.elc.test', 'orderer1.orderer.elc.test', 'orderer2.orderer.elc.test'] : ['orderer0.orderer.elc.test'],
    );
    const endpoints = list(obj(list(orderer['Organizations'], 'orderer orgs')[0], 'orderer org')['OrdererEndpoints'], 'endpoints');
    expect(endpoints).toEqual(consenters.map((c) => `${String(c['Host'])}:${String(c['Port'])}`));
    for (const c of consenters) {
      expect(c['ServerTLSCert']).toBe(`../out/organizations/ordererOrganizations/orderer.elc.test/orderers/${String(c['Host'])}/tls/server.crt`);
    }
  });

  it('each org points at the MSP folder and anchor peer that cryptogen lays out for its crypto config', () => {
    for (const o of list(configtx['Organizations'], 'Organizations').map((x) => obj(x, 'org'))) {
      const id = str(o['ID'], 'ID');
      if (id === 'OrdererMSP') {
        expect(o['MSPDir']).toBe('../out/organizations/ordererOrganizations/orderer.elc.test/msp');
        continue;
      }
      const short = PEER_ORGS[id as keyof typeof PEER_ORGS];
      expect(short, id).toBeDefined();
      const crypto = readYaml(join(networkDir, 'crypto', `crypto-config-${short}.yaml`));
      const spec = obj(list(crypto['PeerOrgs'], 'PeerOrgs')[0], 'PeerOrg');
      expect(spec['Domain']).toBe(`${short}.elc.test`);
      expect(spec['EnableNodeOUs']).toBe(true);
      expect(o['MSPDir']).toBe(`../out/organizations/peerOrganizations/${short}.elc.test/msp`);
      expect(list(o['AnchorPeers'], 'AnchorPeers')).toEqual([{ Host: `peer0.${short}.elc.test`, Port: 7051 }]);
      const policies = obj(o['Policies'], 'policies');
      expect(obj(policies['Endorsement'], 'Endorsement')['Rule']).toBe(`OR('${id}.peer')`);
      expect(obj(policies['Admins'], 'Admins')['Rule']).toBe(`OR('${id}.admin')`);
    }
    const ordererCrypto = readYaml(join(networkDir, 'crypto', 'crypto-config-orderer.yaml'));
    const specs = list(obj(list(ordererCrypto['OrdererOrgs'], 'OrdererOrgs')[0], 'OrdererOrg')['Specs'], 'Specs');
    expect(specs.map((s) => obj(s, 'spec')['Hostname'])).toEqual(['orderer0', 'orderer1', 'orderer2', 'orderer3']);
  });
});

describe('the endorsement policy: the bureau is needed for every write, and is not enough alone', () => {
  const two = profile(configtx, 'ElcChannel');
  const three = profile(configtx, 'ElcChannelArbitration');

  it('is written as signature policies on the channel', () => {
    expect(appPolicy(two, 'Endorsement')).toEqual({ type: 'Signature', rule: "AND('BureauMSP.peer', 'VendorMSP.peer')" });
    expect(appPolicy(three, 'Endorsement')).toEqual({ type: 'Signature', rule: "AND('BureauMSP.peer', OR('VendorMSP.peer', 'ArbitrationMSP.peer'))" });
    expect(appPolicy(two, 'LifecycleEndorsement').rule).toBe(appPolicy(two, 'Endorsement').rule);
    expect(appPolicy(three, 'LifecycleEndorsement').rule).toBe(appPolicy(three, 'Endorsement').rule);
  });

  it('two orgs: bureau and vendor peers together, neither alone', () => {
    for (const name of ['Endorsement', 'LifecycleEndorsement']) {
      const p = parsePolicy(appPolicy(two, name).rule);
      expect(satisfied(p, [peer('BureauMSP'), peer('VendorMSP')])).toBe(true);
      expect(satisfied(p, [peer('BureauMSP')])).toBe(false);
      expect(satisfied(p, [peer('VendorMSP')])).toBe(false);
      // A client or admin signature is not a peer endorsement.
      expect(satisfied(p, [peer('BureauMSP'), admin('VendorMSP')])).toBe(false);
    }
  });

  it('three orgs: the bureau and either other org; never without the bureau', () => {
    for (const name of ['Endorsement', 'LifecycleEndorsement']) {
      const p = parsePolicy(appPolicy(three, name).rule);
      expect(satisfied(p, [peer('BureauMSP'), peer('VendorMSP')])).toBe(true);
      expect(satisfied(p, [peer('BureauMSP'), peer('ArbitrationMSP')])).toBe(true);
      expect(satisfied(p, [peer('VendorMSP'), peer('ArbitrationMSP')])).toBe(false);
      expect(satisfied(p, [peer('BureauMSP')])).toBe(false);
      // Two peers of the bureau are still one org.
      expect(satisfied(p, [peer('BureauMSP'), peer('BureauMSP')])).toBe(false);
    }
  });

  it('channel changes (adding an org, changing these policies) need the bureau admin too', () => {
    const p2 = parsePolicy(appPolicy(two, 'Admins').rule);
    const p3 = parsePolicy(appPolicy(three, 'Admins').rule);
    expect(satisfied(p2, [admin('BureauMSP'), admin('VendorMSP')])).toBe(true);
    expect(satisfied(p3, [admin('VendorMSP'), admin('ArbitrationMSP')])).toBe(false);
    expect(satisfied(p3, [admin('BureauMSP'), admin('ArbitrationMSP')])).toBe(true);
  });

  it('every policy of every profile parses and names only MSPs of that profile', () => {
    for (const [doc, names] of [
      [configtx, Object.keys(obj(configtx['Profiles'], 'Profiles'))],
      [configtxBft, Object.keys(obj(configtxBft['Profiles'], 'Profiles'))],
    ] as const) {
      for (const name of names) {
        const p = profile(doc, name);
        const members = new Set([...appOrgIds(p), 'OrdererMSP']);
        const app = obj(obj(p['Application'], 'app')['Policies'], 'policies');
        for (const [pname, v] of Object.entries(app)) {
          const pol = obj(v, pname);
          if (pol['Type'] !== 'Signature') continue;
          for (const msp of mspsOf(parsePolicy(str(pol['Rule'], 'Rule')))) expect(members.has(msp), `${name} ${pname} names ${msp}`).toBe(true);
        }
      }
    }
  });

  it('the parser refuses malformed rules (so the checks above are not vacuous)', () => {
    expect(() => parsePolicy("AND('BureauMSP.peer'")).toThrow();
    expect(() => parsePolicy("AND('BureauMSP.boss')")).toThrow();
    expect(() => parsePolicy("OutOf(3, 'A.peer', 'B.peer')")).toThrow();
    expect(satisfied(parsePolicy("OutOf(2, 'A.peer', 'B.peer', 'C.member')"), [peer('A'), peer('C')])).toBe(true);
  });

  it('deploy references the channel policy (so adding an org is a channel update, not a new chaincode definition)', () => {
    expect(scriptConst('CC_POLICY_REF')).toBe('/Channel/Application/Endorsement');
    expect(script).toMatch(/approveformyorg[\s\S]*--channel-config-policy "\$CC_POLICY_REF"/);
    expect(script).toMatch(/lifecycle chaincode commit[\s\S]*--channel-config-policy "\$CC_POLICY_REF"/);
    expect(script).not.toContain('--signature-policy');
  });
});

describe('configtx-bft: the optional Fabric 3.x SmartBFT channel', () => {
  const bftProfiles = Object.keys(obj(configtxBft['Profiles'], 'Profiles'));
  it('has the same orgs and application policies as the Raft channel', () => {
    expect(bftProfiles.sort()).toEqual(['ElcChannelBFT', 'ElcChannelBFTArbitration']);
    const peerOrgs = (doc: Yaml) => list(doc['Organizations'], 'orgs').map((o) => obj(o, 'org')).filter((o) => o['ID'] !== 'OrdererMSP');
    expect(peerOrgs(configtxBft)).toEqual(peerOrgs(configtx));
    expect(obj(profile(configtxBft, 'ElcChannelBFT')['Application'], 'app')['Policies']).toEqual(obj(profile(configtx, 'ElcChannel')['Application'], 'app')['Policies']);
    expect(obj(profile(configtxBft, 'ElcChannelBFTArbitration')['Application'], 'app')['Policies']).toEqual(
      obj(profile(configtx, 'ElcChannelArbitration')['Application'], 'app')['Policies'],
    );
  });
  it('orders with four BFT consenters on the V3_0 channel capability', () => {
    for (const name of bftProfiles) {
      const p = profile(configtxBft, name);
      expect(obj(p['Capabilities'], 'caps')).toEqual({ V3_0: true });
      const orderer = obj(p['Orderer'], 'Orderer');
      expect(orderer['OrdererType']).toBe('BFT');
      expect(orderer['EtcdRaft']).toBeUndefined();
      const mapping = list(orderer['ConsenterMapping'], 'ConsenterMapping').map((c) => obj(c, 'consenter'));
      expect(mapping.map((c) => c['ID'])).toEqual([1, 2, 3, 4]);
      for (const c of mapping) {
        const host = str(c['Host'], 'Host');
        expect(c['MSPID']).toBe('OrdererMSP');
        expect(c['Identity']).toBe(`../out/organizations/ordererOrganizations/orderer.elc.test/orderers/${host}/msp/signcerts/${host}-cert.pem`);
      }
      const endpoints = list(obj(list(orderer['Organizations'], 'orgs')[0], 'org')['OrdererEndpoints'], 'endpoints');
      expect(endpoints).toEqual(mapping.map((c) => `${String(c['Host'])}:7050`));
    }
  });
});

describe('compose: Fabric 2.5 LTS nodes, no Docker socket, CCaaS', () => {
  const net = services('compose-net.yaml');
  const ca = services('compose-ca.yaml');
  const ccaas = services('compose-ccaas.yaml');
  const bft = services('compose-bft.yaml');
  const peers = net.filter((s) => s.name.startsWith('peer0.'));
  const orderers = net.filter((s) => s.name.startsWith('orderer'));
  const fabricVersion = scriptConst('FABRIC_VERSION');

  it('pins every image: peers and orderers to the script\'s 2.5 release, CAs to 1.5, BFT to 3.x', () => {
    expect(fabricVersion).toMatch(/^2\.5\.\d+$/);
    for (const s of [...peers, ...orderers]) expect(s.image).toBe(`hyperledger/fabric-${s.name.startsWith('peer') ? 'peer' : 'orderer'}:${fabricVersion}`);
    for (const s of ca) expect(s.image).toBe(`hyperledger/fabric-ca:${scriptConst('CA_VERSION')}`);
    expect(scriptConst('CA_VERSION')).toMatch(/^1\.5\.\d+$/);
    const bftVersion = scriptConst('FABRIC_BFT_VERSION');
    expect(bftVersion).toMatch(/^3\.\d+\.\d+$/);
    for (const s of bft) expect(s.image).toMatch(new RegExp(`^hyperledger/fabric-(peer|orderer):${bftVersion.replace(/\./g, '\\.')}$`));
    for (const s of [...net, ...ca, ...bft]) expect(s.image).not.toMatch(/:latest$|^[^:]+$/);
  });

  it('has the peers of the bureau and the vendor, arbitration and extra orderers behind profiles', () => {
    expect(peers.map((p) => [p.name, p.environment['CORE_PEER_LOCALMSPID'], p.profiles])).toEqual([
      ['peer0.bureau.elc.test', 'BureauMSP', []],
      ['peer0.vendor.elc.test', 'VendorMSP', []],
      ['peer0.arbitration.elc.test', 'ArbitrationMSP', ['arbitration']],
    ]);
    expect(orderers.map((o) => [o.name, o.profiles])).toEqual([
      ['orderer0.orderer.elc.test', []],
      ['orderer1.orderer.elc.test', ['raft3']],
      ['orderer2.orderer.elc.test', ['raft3']],
    ]);
    expect(ca.map((c) => [c.name, c.profiles])).toEqual([
      ['ca.orderer.elc.test', []],
      ['ca.bureau.elc.test', []],
      ['ca.vendor.elc.test', []],
      ['ca.arbitration.elc.test', ['arbitration']],
    ]);
  });

  it('mounts no Docker socket anywhere and gives the peers no Docker endpoint', () => {
    for (const s of [...net, ...ca, ...ccaas, ...bft]) {
      expect(s.volumes.join('\n')).not.toMatch(/docker\.sock/);
      expect(JSON.stringify(s.environment)).not.toMatch(/docker\.sock|DOCKER_HOST/);
      expect(s.environment['CORE_VM_ENDPOINT']).toBeUndefined();
    }
    for (const p of peers) {
      // The peer reads out/peercfg/core.yaml, which the script derives from the image with vm.endpoint cleared.
      expect(p.environment['FABRIC_CFG_PATH']).toBe('/etc/hyperledger/peercfg');
      expect(p.volumes).toContain('../out/peercfg:/etc/hyperledger/peercfg:ro');
    }
    expect(script).toMatch(/sed -E 's#\^\(\[\[:space:\]\]\*endpoint:\)\[\[:space:\]\]\*unix:\/\/\/var\/run\/docker\.sock/);
  });

  it('configures the ccaas builder on every peer, and each peer\'s connection address is its org\'s chaincode container', () => {
    const conn = JSON.parse(readText(join(networkDir, 'ccaas', 'connection.json'))) as { address: string };
    const ccaasNames = new Set(ccaas.map((c) => c.name));
    for (const p of peers) {
      expect(p.environment['CORE_CHAINCODE_EXTERNALBUILDERS']).toBe(
        '[{name: ccaas_builder, path: /opt/hyperledger/ccaas_builder, propagateEnvironment: [CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG]}]',
      );
      const cfg = JSON.parse(p.environment['CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG'] ?? 'null') as Record<string, string>;
      expect(cfg['peername']).toBe(p.name);
      // What the ccaas builder does: the connection.json strings are Go templates over that config.
      const address = conn.address.replace(/\{\{\.(\w+)\}\}/g, (_m, key: string) => cfg[key] ?? '<no value>');
      const [host, port] = address.split(':');
      expect(ccaasNames.has(host ?? ''), address).toBe(true);
      const service = ccaas.find((c) => c.name === host);
      expect(service?.environment['CHAINCODE_SERVER_ADDRESS']).toBe(`0.0.0.0:${port ?? ''}`);
      expect(service?.profiles).toEqual(p.profiles);
    }
  });

  it('builds the chaincode service from chaincode/Dockerfile with CHAINCODE_ID from the deploy', () => {
    for (const c of ccaas) {
      const build = obj(c.raw['build'], `${c.name} build`);
      const context = resolveFrom(join(composeDir, 'x'), str(build['context'], 'context'));
      expect(context).toBe(repoRoot);
      expect(build['dockerfile']).toBe('chaincode/Dockerfile');
      expect(exists(join(context, str(build['dockerfile'], 'dockerfile')))).toBe(true);
      expect(c.environment['CHAINCODE_ID']).toMatch(/^\$\{CHAINCODE_ID:\?/);
      expect(c.ports).toEqual([]);
    }
    // The image's CMD serves on CHAINCODE_SERVER_ADDRESS with CHAINCODE_ID (chaincode/Dockerfile).
    const dockerfile = readText(join(repoRoot, 'chaincode', 'Dockerfile'));
    expect(dockerfile).toContain('--chaincode-address=\\"$CHAINCODE_SERVER_ADDRESS\\"');
    expect(dockerfile).toContain('--chaincode-id=\\"$CHAINCODE_ID\\"');
  });

  it('runs the orderers on the channel participation API with admin and operations endpoints, peers with operations endpoints', () => {
    for (const o of [...orderers, ...bft.filter((s) => s.name === 'orderer3.orderer.elc.test')]) {
      expect(o.environment['ORDERER_GENERAL_BOOTSTRAPMETHOD']).toBe('none');
      expect(o.environment['ORDERER_CHANNELPARTICIPATION_ENABLED']).toBe('true');
      expect(o.environment['ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED']).toBe('true');
      expect(o.environment['ORDERER_OPERATIONS_LISTENADDRESS']).toBe('0.0.0.0:9443');
      expect(o.environment['ORDERER_GENERAL_TLS_ENABLED']).toBe('true');
    }
    for (const p of peers) {
      expect(p.environment['CORE_OPERATIONS_LISTENADDRESS']).toBe('0.0.0.0:9443');
      expect(p.environment['CORE_PEER_TLS_ENABLED']).toBe('true');
      expect(p.environment['CORE_LEDGER_STATE_STATEDATABASE']).toBe('goleveldb');
      expect(p.environment['CORE_PEER_GOSSIP_EXTERNALENDPOINT']).toBe(`${p.name}:7051`);
      expect(p.volumes).toContain(`${p.name}:/var/hyperledger/production`);
    }
    const bftOrderer3 = bft.find((s) => s.name === 'orderer3.orderer.elc.test');
    expect(bftOrderer3?.environment).toEqual(orderers[0]?.environment);
  });

  it('publishes no host port twice across the compose files', () => {
    const published = [...net, ...ca, ...ccaas, ...bft].flatMap((s) => s.ports.map((p) => p.split(':')[0]));
    expect(published.length).toBeGreaterThan(10);
    expect(new Set(published).size).toBe(published.length);
  });

  it('mounts only files that exist in the repository or that the script generates under network/out', () => {
    const generatedRoots = new Set<string>();
    for (const s of [...net, ...ca, ...ccaas, ...bft]) {
      for (const v of s.volumes) {
        const source = bindSource(v);
        if (source === undefined) continue;
        if (isGenerated(source)) generatedRoots.add(source.slice(join(networkDir, 'out').length + 1).split('/')[0] ?? '');
        else expect(exists(source), `${s.name}: ${v}`).toBe(true);
      }
    }
    expect([...generatedRoots].sort()).toEqual(['fabric-ca', 'organizations', 'peercfg']);
    expect(script).toContain('--output="$C_OUT/organizations"');
    expect(script).toContain('"$OUT/peercfg/core.yaml"');
    expect(script).toContain('"$OUT/fabric-ca/$org/ca-cert.pem"');
  });

  it('shares one external Docker network that the script creates', () => {
    for (const file of ['compose-net.yaml', 'compose-ca.yaml', 'compose-ccaas.yaml']) {
      const networks = obj(readYaml(join(composeDir, file))['networks'], `${file} networks`);
      expect(networks).toEqual({ elc: { name: scriptConst('DOCKER_NETWORK'), external: true } });
    }
  });
});

describe('scripts/network.sh', () => {
  it('is valid bash (bash -n)', () => {
    expect(() => execFileSync('bash', ['-n', scriptPath], { stdio: 'pipe' })).not.toThrow();
  });

  it('bash -n does catch a syntax error (the check above is real)', () => {
    expect(() => execFileSync('bash', ['-n'], { input: 'if true; then\n', stdio: 'pipe' })).toThrow();
  });

  it('prints its usage and refuses an unknown command', () => {
    const help = execFileSync('bash', [scriptPath, 'help'], { encoding: 'utf8' });
    for (const cmd of ['up', 'enroll', 'deploy', 'down', 'clean']) expect(help).toContain(`scripts/network.sh ${cmd}`);
    expect(() => execFileSync('bash', [scriptPath, 'frobnicate'], { stdio: 'pipe' })).toThrow();
  });

  it('names channel elc, chaincode elc and the profiles configtx defines', () => {
    expect(scriptConst('CHANNEL')).toBe('elc');
    expect(scriptConst('CC_NAME')).toBe('elc');
    expect(script).toMatch(/local p=ElcChannel\n/);
    for (const name of Object.keys(obj(configtx['Profiles'], 'Profiles'))) expect(name).toMatch(/^ElcChannel(Raft3)?(Arbitration)?$/);
  });

  it('runs Bootstrap as the init transaction, then RegisterOrg, with the chaincode\'s own signatures', () => {
    expect(script).toContain('init=(--init-required)');
    expect(script).toMatch(/--isInit -c "\{\\"function\\":\\"Bootstrap\\",\\"Args\\":\[\\"\$BUREAU_REGION\\"\]\}"/);
    expect(script).toContain('\\"function\\":\\"RegisterOrg\\"');
    const metadata = JSON.parse(readText(join(repoRoot, 'chaincode', 'test', '__snapshots__', 'contract-metadata.json'))) as {
      contracts: Record<string, { transactions: { name: string; parameters?: { name: string }[] }[] }>;
    };
    const txs = new Map((metadata.contracts['elc']?.transactions ?? []).map((t) => [t.name, (t.parameters ?? []).map((p) => p.name)]));
    expect(txs.get('Bootstrap')).toEqual(['region']);
    expect(txs.get('RegisterOrg')).toEqual(['mspId', 'rolesJson', 'region']);
  });

  it('registers the gateway identities with elc.role and elc.region in the enrolment certificate', () => {
    expect(script).toContain('"elc.role=$(org_role "$org"):ecert,elc.region=$(org_region "$org"):ecert"');
    expect(script).toMatch(/run_image "hyperledger\/fabric-ca:\$CA_VERSION"[^\n]*fabric-ca-client/);
    expect(script).toMatch(/tools\(\) \{ run_image "hyperledger\/fabric-tools:\$\(fabric_version\)"/);
  });
});

describe('gateway settings: the env file and docs/fabric.md agree', () => {
  const written = [...script.matchAll(/echo "(ELC_[A-Z_]+)=/g)].map((m) => m[1]);
  const doc = readText(fabricDocPath);
  const documented = [...doc.matchAll(/^\| `(ELC_FABRIC_[A-Z_]+)` \|/gm)].map((m) => m[1]);

  it('writes exactly the documented ELC_FABRIC_* variables, plus ELC_LEDGER=fabric', () => {
    expect(written).toContain('ELC_LEDGER');
    expect(written.filter((n) => n !== 'ELC_LEDGER').sort()).toEqual([...documented].sort());
    expect(documented.sort()).toEqual(
      [
        'ELC_FABRIC_PEER_ENDPOINT',
        'ELC_FABRIC_PEER_HOST_ALIAS',
        'ELC_FABRIC_TLS_CERT',
        'ELC_FABRIC_MSP_ID',
        'ELC_FABRIC_CERT',
        'ELC_FABRIC_KEY',
        'ELC_FABRIC_CHANNEL',
        'ELC_FABRIC_CHAINCODE',
      ].sort(),
    );
    expect(script).toContain('echo "ELC_LEDGER=fabric"');
  });

  it('the doc names files that exist (or that the script generates under network/out) and every command', () => {
    const named = [...doc.matchAll(/`(network\/[A-Za-z0-9_./-]+\.(?:yaml|json|md))`/g)].map((m) => m[1] ?? '');
    expect(named.length).toBeGreaterThan(10);
    for (const path of named) {
      if (path.startsWith('network/out/')) continue;
      expect(exists(join(repoRoot, path)), path).toBe(true);
    }
    for (const cmd of ['up', 'enroll', 'deploy', 'down', 'clean']) expect(doc).toContain(`scripts/network.sh ${cmd}`);
  });
});
