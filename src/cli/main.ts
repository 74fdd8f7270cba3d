#!/usr/bin/env node
/**
 * `rockling <command> …`: one entry point, one module per command. Each command module exports
 * `main(argv): Promise<number>` (the exit status). Modules load lazily so `rockling serve`
 * starts without loading the onboarding toolkit and vice versa.
 */
import { statSync } from 'node:fs';

interface CommandModule {
  main(argv: readonly string[]): Promise<number>;
}

const COMMANDS: Readonly<Record<string, { module: string; summary: string }>> = {
  serve: { module: './serve.js', summary: 'start the server (MySQL protocol :9030, HTTP :8030)' },
  onboard: {
    module: '../tools/onboard/cli.js',
    summary: 'onboarding toolkit: init, check, assess, plan, apply, status',
  },
  loadtest: {
    module: '../tools/loadtest/cli.js',
    summary: 'open-loop load test against a MySQL-protocol target',
  },
  validate: {
    module: '../tools/validate/cli.js',
    summary: 'compare a table between a source and a target system',
  },
  inspect: { module: '../tools/inspect/cli.js', summary: 'routine inspection checklist against a target' },
  sqltest: { module: '../tools/sqltest/cli.js', summary: 'run StarRocks SQL-tester files against a server' },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: rockling <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

async function run(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`rockling: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const mod = (await import(moduleUrl(command.module))) as CommandModule;
  return mod.main(rest);
}

/**
 * Where a command module loads from: `serve` from its one-file bundle when the build made one
 * (scripts/bundle-serve.mjs; Node then reads one file instead of ~380 modules) and it is not older
 * than the module it was made from, so a later plain `tsc` build is never shadowed by a stale bundle.
 */
function moduleUrl(module: string): string {
  const url = new URL(module, import.meta.url);
  if (module !== './serve.js') return url.href;
  const bundle = new URL('./serve.bundle.js', import.meta.url);
  try {
    if (statSync(bundle).mtimeMs >= statSync(url).mtimeMs) return bundle.href;
  } catch {
    // no bundle (running from the TypeScript sources, or built without it)
  }
  return url.href;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `rockling: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
