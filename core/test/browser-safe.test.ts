// core is browser-safe: bundling its public entry for the browser must pull in no Node built-in
// and none of the Node-only entry (@elc/core/node). A `node:` import anywhere in core fails here.
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

// This test lives outside core/src so that core/src itself imports no Node module at all.
const coreDir = dirname(dirname(fileURLToPath(import.meta.url)));
const srcDir = join(coreDir, 'src');

interface NodeImport {
  path: string;
  importer: string;
  kind: string;
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isBuiltin = (path: string): boolean => path.startsWith('node:') || builtins.has(path.split('/')[0] ?? path);

// sm-crypto-v2 (SM2/SM3) looks for a CSPRNG with `await import("crypto")` only when
// globalThis.crypto is missing (never in a browser), inside try/catch. That one is tolerated.
const TOLERATED = [{ path: 'crypto', importer: /node_modules\/sm-crypto-v2\/dist\/index\.mjs$/, kind: 'dynamic-import' }];
const tolerated = (i: NodeImport): boolean =>
  TOLERATED.some((t) => t.path === i.path && t.kind === i.kind && t.importer.test(i.importer));

async function bundleForBrowser(entry: { file: string } | { contents: string }) {
  const found: NodeImport[] = [];
  const detect: Plugin = {
    name: 'detect-node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!isBuiltin(args.path)) return undefined;
        found.push({ path: args.path, importer: relative(coreDir, args.importer), kind: args.kind });
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: srcDir, loader: 'ts' as const, sourcefile: 'probe.ts' } }),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [detect],
  });
  return { found, inputs: Object.keys(result.metafile.inputs), text: result.outputFiles[0]?.text ?? '' };
}

describe('core browser bundle', () => {
  it('has no Node built-in and no code from @elc/core/node', async () => {
    const { found, inputs, text } = await bundleForBrowser({ file: join(srcDir, 'index.ts') });
    expect(found.filter((i) => !tolerated(i))).toEqual([]);
    expect(inputs.some((p) => p.includes('src/merkle/'))).toBe(true);
    expect(inputs.filter((p) => /core\/src\/node\//.test(p) || p.startsWith('src/node/'))).toEqual([]);
    expect(text).not.toContain('nativeHashProvider');
    expect(text).toContain('function verifyConsistency');
  }, 60_000);

  it.each(['receipt', 'tiles'])('@elc/core/%s has no Node built-in either', async (entry) => {
    const { found, inputs } = await bundleForBrowser({ file: join(srcDir, entry, 'index.ts') });
    expect(found.filter((i) => !tolerated(i))).toEqual([]);
    expect(inputs.filter((p) => /core\/src\/node\//.test(p) || p.startsWith('src/node/'))).toEqual([]);
  }, 60_000);

  it('detects an accidental node: import (the check above can fail)', async () => {
    const probe = await bundleForBrowser({
      contents: "import { nativeHashProvider } from './node/index.js';\nexport const p = nativeHashProvider('sha256');\n",
    });
    expect(probe.found.map((i) => i.path)).toContain('node:crypto');
    expect(probe.text).toContain('nativeHashProvider');
  }, 60_000);
});
