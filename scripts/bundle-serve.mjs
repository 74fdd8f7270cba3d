// Bundles the compiled `rockling serve` (dist/src/cli/serve.js and everything it imports from
// src/) into one file, dist/src/cli/serve.bundle.js, which dist/src/cli/main.js prefers. Node 20
// loads each of ~380 ES modules with several asynchronous file operations; one file instead cut
// the CPU of a start from ~580 to ~330 ms and the time to the first answered SELECT 1 by ~30 %
// on the shared 2-core machine (bench/wire/startup.ts). npm packages stay external.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'cli');
await build({
  entryPoints: [join(cli, 'serve.js')],
  outfile: join(cli, 'serve.bundle.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
