// The repository's import rules (layers.ts), checked over every source file. A rule that no file
// could break would pass vacuously, so each is also shown to catch an import that breaks it.
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { check, importsOf, RULES, sourceFiles, type ImportEdge } from './layers.js';

const edge = (from: string, specifier: string, target?: string): ImportEdge => ({ from, specifier, target });

/** For each rule, an import that breaks it. */
const BREAKS: Readonly<Record<string, ImportEdge>> = {
  'core imports nothing of the project': edge('core/src/bundle/verify.ts', '@elc/chaincode/domain'),
  'chaincode imports only core': edge('chaincode/src/domain/records.ts', '../../../gateway/src/log/index.js', 'gateway/src/log/index'),
  'cli imports only core': edge('cli/src/verify.ts', '@elc/gateway'),
  'ledger-sim never imports the gateway or the cli': edge('ledger-sim/src/peer.ts', '@elc/gateway'),
  'a feature never imports another feature': edge('gateway/src/features/lookup/routes.ts', '../contracts/contract-ref.js', 'gateway/src/features/contracts/contract-ref'),
  'routes never import level or a store module': edge('gateway/src/features/shandong/routes.ts', '../../shandong/store.js', 'gateway/src/shandong/store'),
  'the Fabric and embedded ledger adapters never import each other': edge('gateway/src/ledger/fabric/fabric-ledger.ts', '../embedded/block.js', 'gateway/src/ledger/embedded/block'),
  'subsystems import only downward (never features, compose, http, the app or the CLI)': edge('gateway/src/lifecycle/saga.ts', '../http/auth.js', 'gateway/src/http/auth'),
  'http never imports features or compose': edge('gateway/src/http/http-app.ts', '../compose/index.js', 'gateway/src/compose/index'),
};

describe('import rules', () => {
  it('keeps each ledger adapter to its own engine', () => {
    const rule = 'the Fabric and embedded ledger adapters never import each other';
    expect(check([edge('gateway/src/ledger/fabric/connection.ts', '@elc/ledger-sim')]).map((v) => v.rule)).toContain(rule);
    expect(check([edge('gateway/src/ledger/embedded/embedded-ledger.ts', '@hyperledger/fabric-gateway')]).map((v) => v.rule)).toContain(rule);
  });

  const files = sourceFiles(repoRoot);
  const edges = files.flatMap((f) => importsOf(repoRoot, f));

  it('reads the imports of every package', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(edges.some((e) => e.specifier === '@elc/core' && e.from.startsWith('gateway/src/'))).toBe(true);
  });

  it('no source file breaks a rule', () => {
    expect(check(edges).map((v) => `${v.rule}: ${v.edge.from} imports ${v.edge.specifier}`)).toEqual([]);
  });

  it.each(RULES.map((r) => r.name))('catches an import that breaks "%s"', (name) => {
    const bad = BREAKS[name];
    expect(bad, `a breaking import for "${name}"`).toBeDefined();
    expect(check([bad as ImportEdge]).map((v) => v.rule)).toContain(name);
  });
});
