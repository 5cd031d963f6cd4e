// Builds cli/dist/elc.mjs: the verifier CLI (verify, verify-receipts, audit) with @elc/core,
// commander and every other dependency in one ES module, so a clerk needs only Node to run it:
// `node elc.mjs verify bundle.json --log-key <vkey>`. Run by `npm run build` after tsc (the
// bundle takes @elc/core from its dist). Fails if anything but a Node built-in stays external.
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cliDir = dirname(fileURLToPath(import.meta.url));
const outfile = join(cliDir, 'dist', 'elc.mjs');
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

const result = await build({
  entryPoints: [join(cliDir, 'src', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // commander is CommonJS: its require() of Node built-ins needs a require in an ES module.
  banner: { js: "import { createRequire as __elcCreateRequire } from 'node:module';\nconst require = __elcCreateRequire(import.meta.url);" },
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
});

const external = Object.values(result.metafile.outputs)
  .flatMap((o) => o.imports)
  .filter((i) => i.external && !builtins.has(i.path) && !builtins.has(i.path.split('/')[0] ?? ''));
if (external.length > 0) {
  console.error(`cli/bundle.mjs: ${outfile} would need ${external.map((i) => i.path).join(', ')} at run time`);
  process.exit(1);
}
