// scripts/network.sh run for real (bash, tar, sed, the files of network/) against a test double
// of the docker CLI (support/fake-docker.sh), in a copy of the repository layout under a temp
// folder. What can be checked without a Docker engine: the order of the Fabric commands, their
// arguments, the files the script generates (peer config, package, gateway settings), and the
// errors it stops with. Whether Fabric accepts those commands is for a real network to show.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

interface Call {
  readonly args: string[];
  readonly chaincodeId: string;
  /** For `docker run`: the image, its command and the -e settings. */
  readonly image?: string;
  readonly command?: string[];
  readonly env?: Record<string, string>;
}

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function parseRun(args: string[]): Pick<Call, 'image' | 'command' | 'env'> {
  const env: Record<string, string> = {};
  let i = 1;
  while (i < args.length) {
    const a = args[i] ?? '';
    if (a === '--rm') i += 1;
    else if (['--network', '--user', '-w', '-v', '--entrypoint', '-u'].includes(a)) i += 2;
    else if (a === '-e') {
      const [k, ...v] = (args[i + 1] ?? '').split('=');
      env[k ?? ''] = v.join('=');
      i += 2;
    } else break;
  }
  return { image: args[i], command: args.slice(i + 1), env };
}

class Sandbox {
  readonly root = mkdtempSync(join(tmpdir(), 'elc-network-'));
  readonly log = join(this.root, 'docker.log');
  readonly network = join(this.root, 'network');
  readonly out = join(this.network, 'out');

  constructor() {
    roots.push(this.root);
    mkdirSync(join(this.root, 'scripts'));
    mkdirSync(join(this.root, 'bin'));
    cpSync(join(repoRoot, 'scripts', 'network.sh'), join(this.root, 'scripts', 'network.sh'));
    cpSync(join(repoRoot, 'network'), this.network, { recursive: true, filter: (src) => !src.startsWith(join(repoRoot, 'network', 'out')) });
    cpSync(join(repoRoot, 'test', 'network', 'support', 'fake-docker.sh'), join(this.root, 'bin', 'docker'));
    chmodSync(join(this.root, 'bin', 'docker'), 0o755);
  }

  run(...args: string[]): string {
    return execFileSync('bash', [join(this.root, 'scripts', 'network.sh'), ...args], {
      cwd: this.root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `${join(this.root, 'bin')}:${process.env['PATH'] ?? ''}`, FAKE_DOCKER_LOG: this.log, FAKE_NETWORK_DIR: this.network },
    });
  }

  /** Runs a command that must fail; returns its stderr. */
  fail(...args: string[]): string {
    try {
      this.run(...args);
    } catch (e) {
      return String((e as { stderr?: unknown }).stderr);
    }
    throw new Error(`network.sh ${args.join(' ')} succeeded`);
  }

  calls(): Call[] {
    if (!existsSync(this.log)) return [];
    return readFileSync(this.log, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((line) => {
        const parts = line.split('\x1f');
        const last = parts.pop() ?? '';
        const call = { args: parts, chaincodeId: last.replace(/^@CHAINCODE_ID=/, '') };
        return parts[0] === 'run' ? { ...call, ...parseRun(parts) } : call;
      });
  }

  /** The Fabric tool commands, as text, in order. */
  commands(): string[] {
    return this.calls()
      .filter((c) => c.command !== undefined && c.command.length > 0)
      .map((c) => (c.command ?? []).join(' '));
  }

  read(path: string): string {
    return readFileSync(join(this.out, path), 'utf8');
  }
}

const indexOf = (list: string[], pattern: RegExp) => list.findIndex((c) => pattern.test(c));

describe('scripts/network.sh against a docker double: up', () => {
  const box = new Sandbox();
  box.run('up');
  const cmds = box.commands();
  const calls = box.calls();

  it('makes crypto for the orderer org, the bureau and the vendor (not arbitration) with cryptogen', () => {
    const gen = cmds.filter((c) => c.startsWith('cryptogen generate'));
    expect(gen).toEqual(
      ['orderer', 'bureau', 'vendor'].map((o) => `cryptogen generate --config=/network/crypto/crypto-config-${o}.yaml --output=/network/out/organizations`),
    );
  });

  it('seeds each CA with its org\'s cryptogen CA certificate and key, then starts the CAs before the nodes', () => {
    for (const org of ['orderer', 'bureau', 'vendor']) {
      expect(existsSync(join(box.out, 'fabric-ca', org, 'ca-cert.pem'))).toBe(true);
      expect(statSync(join(box.out, 'fabric-ca', org, 'ca-key.pem')).mode & 0o777).toBe(0o600);
    }
    const composeUps = calls.filter((c) => c.args[0] === 'compose' && c.args.includes('up')).map((c) => c.args.join(' '));
    expect(composeUps[0]).toContain('compose-ca.yaml');
    expect(composeUps.at(-1)).toContain('compose-net.yaml');
    expect(composeUps.at(-1)).not.toContain('--profile');
  });

  it('gives the peers the image\'s core.yaml with the Docker endpoint cleared', () => {
    const core = box.read('peercfg/core.yaml');
    expect(core).toMatch(/^ {4}endpoint: ""$/m);
    expect(core).not.toMatch(/^\s*endpoint: unix/m);
    expect(core).toContain('# unix:///var/run/docker.sock');
    expect(core).toContain('ccaas_builder');
  });

  it('creates channel elc from profile ElcChannel and joins it on orderer0 and both peers, as their admins', () => {
    expect(cmds).toContain('configtxgen -configPath /network/configtx -profile ElcChannel -channelID elc -outputBlock /network/out/channel/elc.block');
    expect(existsSync(join(box.out, 'channel', 'elc.block'))).toBe(true);
    const joins = cmds.filter((c) => c.startsWith('osnadmin channel join'));
    expect(joins).toHaveLength(1);
    expect(joins[0]).toContain('-o orderer0.orderer.elc.test:7053');
    expect(joins[0]).toContain('--client-cert /network/out/organizations/ordererOrganizations/orderer.elc.test/users/Admin@orderer.elc.test/tls/client.crt');
    const peerJoins = box.calls().filter((c) => (c.command ?? []).join(' ') === 'peer channel join -b /network/out/channel/elc.block');
    expect(peerJoins.map((c) => [c.env?.['CORE_PEER_LOCALMSPID'], c.env?.['CORE_PEER_ADDRESS'], c.env?.['CORE_PEER_MSPCONFIGPATH']])).toEqual([
      ['BureauMSP', 'peer0.bureau.elc.test:7051', '/network/out/organizations/peerOrganizations/bureau.elc.test/users/Admin@bureau.elc.test/msp'],
      ['VendorMSP', 'peer0.vendor.elc.test:7051', '/network/out/organizations/peerOrganizations/vendor.elc.test/users/Admin@vendor.elc.test/msp'],
    ]);
    expect(indexOf(cmds, /^osnadmin channel join/)).toBeLessThan(indexOf(cmds, /^peer channel join/));
  });

  it('runs every tool from the pinned official images, never with the Docker socket', () => {
    const images = new Set(calls.filter((c) => c.image !== undefined).map((c) => c.image));
    expect([...images].sort()).toEqual(['hyperledger/fabric-peer:2.5.16', 'hyperledger/fabric-tools:2.5.16']);
    expect(readFileSync(box.log, 'utf8')).not.toMatch(/docker\.sock:|--privileged/);
  });

  it('a second up with the same options joins nothing again', () => {
    const n = box.calls().length;
    box.run('up');
    const again = box.calls().slice(n).map((c) => (c.command ?? []).join(' '));
    expect(again.filter((c) => c.startsWith('osnadmin channel list'))).toHaveLength(1);
    expect(again.filter((c) => c.startsWith('peer channel list'))).toHaveLength(2);
    expect(again.some((c) => / join /.test(c) || c.startsWith('cryptogen') || c.startsWith('configtxgen'))).toBe(false);
  });

  it('refuses to reuse network/out made with other options', () => {
    expect(box.fail('up', '--raft3')).toMatch(/other options.*run clean first/);
  });

  describe('enroll', () => {
    const before = box.calls().length;
    box.run('enroll');
    const cmds = box.commands().slice(0);
    const enrollCalls = box.calls().slice(before);

    it('registers each gateway identity with elc.role and elc.region in the enrolment certificate', () => {
      const registers = enrollCalls.filter((c) => (c.command ?? [])[1] === 'register').map((c) => c.command ?? []);
      const attrs = registers.map((r) => [r[r.indexOf('--id.name') + 1], r[r.indexOf('--id.type') + 1], r[r.indexOf('--id.attrs') + 1]]);
      expect(attrs).toEqual([
        ['bureau-gateway', 'client', 'elc.role=bureau:ecert,elc.region=370000:ecert'],
        ['vendor-gateway', 'client', 'elc.role=vendor:ecert,elc.region=370100:ecert'],
      ]);
      expect(enrollCalls.filter((c) => c.image !== undefined).every((c) => c.image === 'hyperledger/fabric-ca:1.5.21')).toBe(true);
      expect(cmds.some((c) => /^fabric-ca-client enroll -u https:\/\/admin:adminpw@ca\.bureau\.elc\.test:7054 --caname ca-bureau/.test(c))).toBe(true);
    });

    it('copies certificate, key (mode 600) and the peer TLS CA to stable names for the gateway', () => {
      for (const org of ['bureau', 'vendor']) {
        for (const f of ['cert.pem', 'key.pem', 'tls-ca.pem']) expect(existsSync(join(box.out, 'gateway', org, f)), `${org}/${f}`).toBe(true);
        expect(statSync(join(box.out, 'gateway', org, 'key.pem')).mode & 0o777).toBe(0o600);
      }
    });
  });

  describe('deploy', () => {
    const before = box.calls().length;
    box.run('deploy');
    const calls = box.calls().slice(before);
    const cmds = calls.filter((c) => c.command !== undefined).map((c) => (c.command ?? []).join(' '));

    it('packages connection.json and metadata.json as a ccaas package', () => {
      const listing = execFileSync('tar', ['-tzf', join(box.out, 'ccaas', 'elc_1.0.tar.gz')], { encoding: 'utf8' }).split('\n').filter(Boolean);
      expect(listing.sort()).toEqual(['code.tar.gz', 'metadata.json']);
      const meta = JSON.parse(execFileSync('tar', ['-xzOf', join(box.out, 'ccaas', 'elc_1.0.tar.gz'), 'metadata.json'], { encoding: 'utf8' })) as unknown;
      expect(meta).toEqual({ type: 'ccaas', label: 'elc_1.0' });
      const code = join(box.out, 'ccaas', 'pkg-1.0', 'code.tar.gz');
      expect(execFileSync('tar', ['-tzf', code], { encoding: 'utf8' }).trim()).toBe('connection.json');
      expect(execFileSync('tar', ['-xzOf', code, 'connection.json'], { encoding: 'utf8' })).toBe(readFileSync(join(repoRoot, 'network', 'ccaas', 'connection.json'), 'utf8'));
    });

    it('installs, starts the chaincode containers with the package id, approves, commits, then Bootstrap and RegisterOrg', () => {
      const packageId = cmds.length > 0 ? (/elc_1\.0:[0-9a-f]{64}/.exec(readFileSync(box.log, 'utf8'))?.[0] ?? '') : '';
      const ccaasUp = calls.find((c) => c.args[0] === 'compose' && c.args.some((a) => a.endsWith('compose-ccaas.yaml')));
      expect(packageId).not.toBe('');
      expect(ccaasUp?.chaincodeId).toBe(packageId);
      expect(ccaasUp?.args).toEqual(expect.arrayContaining(['up', '-d', '--build']));
      const order = [
        /^peer lifecycle chaincode install \/network\/out\/ccaas\/elc_1\.0\.tar\.gz$/,
        /^peer lifecycle chaincode approveformyorg .*--package-id elc_1\.0:[0-9a-f]{64} --sequence 1 --channel-config-policy \/Channel\/Application\/Endorsement --init-required/,
        /^peer lifecycle chaincode commit .*--init-required --peerAddresses peer0\.bureau\.elc\.test:7051 .* --peerAddresses peer0\.vendor\.elc\.test:7051/,
        /^peer chaincode invoke .* --isInit -c \{"function":"Bootstrap","Args":\["370000"\]\}$/,
        /^peer chaincode invoke .*-c \{"function":"RegisterOrg","Args":\["VendorMSP","\[\\"vendor\\"\]","370100"\]\}$/,
      ];
      const positions = order.map((p) => indexOf(cmds, p));
      expect(positions.every((p) => p >= 0), JSON.stringify(positions)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(cmds.filter((c) => c.includes('approveformyorg'))).toHaveLength(2);
      expect(cmds.filter((c) => c.startsWith('peer lifecycle chaincode install'))).toHaveLength(2);
    });

    it('invokes as the bureau\'s gateway identity (with attributes), administers as the org admins', () => {
      const invokes = calls.filter((c) => (c.command ?? []).slice(0, 3).join(' ') === 'peer chaincode invoke');
      expect(invokes).toHaveLength(2);
      for (const c of invokes) {
        expect(c.env?.['CORE_PEER_MSPCONFIGPATH']).toBe('/network/out/organizations/peerOrganizations/bureau.elc.test/users/bureau-gateway@bureau.elc.test/msp');
      }
      const approvals = calls.filter((c) => (c.command ?? []).includes('approveformyorg'));
      expect(approvals.map((c) => c.env?.['CORE_PEER_MSPCONFIGPATH'])).toEqual([
        '/network/out/organizations/peerOrganizations/bureau.elc.test/users/Admin@bureau.elc.test/msp',
        '/network/out/organizations/peerOrganizations/vendor.elc.test/users/Admin@vendor.elc.test/msp',
      ]);
    });

    it('writes the gateway settings with paths that exist', () => {
      const env = Object.fromEntries(
        box
          .read('gateway-fabric.env')
          .split('\n')
          .filter((l) => /^[A-Z_]+=/.test(l))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      expect(env).toEqual({
        ELC_LEDGER: 'fabric',
        ELC_FABRIC_PEER_ENDPOINT: 'localhost:7051',
        ELC_FABRIC_PEER_HOST_ALIAS: 'peer0.bureau.elc.test',
        ELC_FABRIC_TLS_CERT: join(box.out, 'gateway', 'bureau', 'tls-ca.pem'),
        ELC_FABRIC_MSP_ID: 'BureauMSP',
        ELC_FABRIC_CERT: join(box.out, 'gateway', 'bureau', 'cert.pem'),
        ELC_FABRIC_KEY: join(box.out, 'gateway', 'bureau', 'key.pem'),
        ELC_FABRIC_CHANNEL: 'elc',
        ELC_FABRIC_CHAINCODE: 'elc',
      });
      for (const k of ['ELC_FABRIC_TLS_CERT', 'ELC_FABRIC_CERT', 'ELC_FABRIC_KEY']) expect(existsSync(env[k] ?? ''), k).toBe(true);
      expect(box.read('gateway-fabric-vendor.env')).toContain('ELC_FABRIC_PEER_ENDPOINT=localhost:8051');
    });

    it('a second deploy of the same version finds the package and the commit, and changes nothing', () => {
      const n = box.calls().length;
      box.run('deploy');
      const again = box.calls().slice(n).map((c) => (c.command ?? []).join(' '));
      expect(again.some((c) => /chaincode install|approveformyorg|lifecycle chaincode commit|chaincode invoke/.test(c))).toBe(false);
      expect(again.filter((c) => c.includes('queryinstalled'))).toHaveLength(2);
      expect(again.filter((c) => c.startsWith('peer lifecycle chaincode calculatepackageid'))).toHaveLength(1);
      const packageIds = new Set([...readFileSync(box.log, 'utf8').matchAll(/elc_1\.0:[0-9a-f]{64}/g)].map((m) => m[0]));
      expect(packageIds.size).toBe(1);
    });

    it('an upgrade (sequence 2) is neither init-required nor bootstrapped again', () => {
      const n = box.calls().length;
      execFileSync('bash', [join(box.root, 'scripts', 'network.sh'), 'deploy'], {
        cwd: box.root,
        stdio: 'pipe',
        env: { ...process.env, PATH: `${join(box.root, 'bin')}:${process.env['PATH'] ?? ''}`, FAKE_DOCKER_LOG: box.log, FAKE_NETWORK_DIR: box.network, ELC_CHAINCODE_SEQUENCE: '2', ELC_CHAINCODE_VERSION: '1.1' },
      });
      const again = box.calls().slice(n).map((c) => (c.command ?? []).join(' '));
      expect(again.filter((c) => c.includes('approveformyorg')).every((c) => c.includes('--sequence 2') && !c.includes('--init-required'))).toBe(true);
      expect(again.some((c) => c.includes('elc_1.1:'))).toBe(true);
      expect(again.some((c) => c.includes('Bootstrap') || c.includes('RegisterOrg'))).toBe(false);
    });
  });

  describe('down and clean', () => {
    it('down removes the containers of every compose file and keeps network/out', () => {
      const n = box.calls().length;
      box.run('down');
      const downs = box.calls().slice(n).filter((c) => c.args.includes('down'));
      expect(downs.map((c) => c.args.find((a) => a.endsWith('.yaml'))?.split('/').pop())).toEqual(['compose-ccaas.yaml', 'compose-net.yaml', 'compose-ca.yaml']);
      expect(downs.some((c) => c.args.includes('--volumes'))).toBe(false);
      expect(existsSync(box.out)).toBe(true);
    });
    it('clean removes the volumes and network/out', () => {
      const n = box.calls().length;
      box.run('clean');
      expect(box.calls().slice(n).filter((c) => c.args.includes('down')).every((c) => c.args.includes('--volumes'))).toBe(true);
      expect(existsSync(box.out)).toBe(false);
    });
  });
});

describe('scripts/network.sh against a docker double: options', () => {
  it('up --raft3 --arbitration: three orderers, the arbitration org and its profile', () => {
    const box = new Sandbox();
    box.run('up', '--raft3', '--arbitration');
    const cmds = box.commands();
    expect(cmds.some((c) => c.includes('crypto-config-arbitration.yaml'))).toBe(true);
    expect(cmds.some((c) => c.includes('-profile ElcChannelRaft3Arbitration'))).toBe(true);
    expect(cmds.filter((c) => c.startsWith('osnadmin channel join')).map((c) => /-o (\S+)/.exec(c)?.[1])).toEqual([
      'orderer0.orderer.elc.test:7053',
      'orderer1.orderer.elc.test:7053',
      'orderer2.orderer.elc.test:7053',
    ]);
    expect(cmds.filter((c) => c.startsWith('peer channel join'))).toHaveLength(3);
    const netUp = box.calls().filter((c) => c.args.some((a) => a.endsWith('compose-net.yaml'))).at(-1);
    expect(netUp?.args).toEqual(expect.arrayContaining(['--profile', 'raft3', 'arbitration']));
  });

  it('up --bft: Fabric 3.1 tools, the BFT compose override and configtx', () => {
    const box = new Sandbox();
    box.run('up', '--bft');
    const cmds = box.commands();
    expect(cmds.some((c) => c.startsWith('configtxgen -configPath /network/configtx-bft -profile ElcChannelBFT '))).toBe(true);
    expect(cmds.filter((c) => c.startsWith('osnadmin channel join'))).toHaveLength(4);
    const images = new Set(box.calls().map((c) => c.image).filter(Boolean));
    expect([...images].sort()).toEqual(['hyperledger/fabric-peer:3.1.5', 'hyperledger/fabric-tools:3.1.5']);
    const netUp = box.calls().filter((c) => c.args.some((a) => a.endsWith('compose-net.yaml'))).at(-1);
    expect(netUp?.args.some((a) => a.endsWith('compose-bft.yaml'))).toBe(true);
  });

  it('up --crypto ca: enrols every node and admin from the org CAs into the cryptogen layout', () => {
    const box = new Sandbox();
    box.run('up', '--crypto', 'ca');
    const cmds = box.commands();
    expect(cmds.some((c) => c.startsWith('cryptogen'))).toBe(false);
    const registered = cmds.filter((c) => c.startsWith('fabric-ca-client register')).map((c) => /--id\.name (\S+) .*--id\.type (\S+)/.exec(c)?.slice(1, 3).join(' '));
    expect(registered).toEqual([
      'orderer0.orderer.elc.test orderer',
      'orderer-admin admin',
      'peer0.bureau.elc.test peer',
      'bureau-admin admin',
      'peer0.vendor.elc.test peer',
      'vendor-admin admin',
    ]);
    // An enrolment URL cannot carry '@' in the user name (Go's url.Parse refuses it).
    for (const c of cmds.filter((x) => x.startsWith('fabric-ca-client enroll'))) expect(/-u https:\/\/([^:]+):/.exec(c)?.[1], c).not.toContain('@');
    const org = join(box.out, 'organizations', 'peerOrganizations', 'bureau.elc.test');
    for (const f of ['msp/config.yaml', 'msp/cacerts/ca.bureau.elc.test-cert.pem', 'peers/peer0.bureau.elc.test/tls/server.key', 'peers/peer0.bureau.elc.test/msp/config.yaml']) {
      expect(existsSync(join(org, f)), f).toBe(true);
    }
    expect(readFileSync(join(org, 'msp', 'config.yaml'), 'utf8')).toContain('Certificate: cacerts/ca.bureau.elc.test-cert.pem');
    const orderer = join(box.out, 'organizations', 'ordererOrganizations', 'orderer.elc.test');
    expect(existsSync(join(orderer, 'orderers/orderer0.orderer.elc.test/msp/signcerts/orderer0.orderer.elc.test-cert.pem'))).toBe(true);
    expect(existsSync(join(orderer, 'users/Admin@orderer.elc.test/tls/client.crt'))).toBe(true);
    expect(statSync(join(box.out, 'secrets', 'bureau')).mode & 0o777).toBe(0o600);
  });

  it('refuses --raft3 with --bft, unknown options, and deploy before up', () => {
    const box = new Sandbox();
    expect(box.fail('up', '--raft3', '--bft')).toContain('exclude each other');
    expect(box.fail('up', '--crypto', 'pki')).toContain('--crypto takes cryptogen or ca');
    expect(box.fail('deploy')).toContain('run scripts/network.sh up first');
    expect(box.calls()).toEqual([]);
  });
});
