/** `rockling onboard init|check|assess|plan|apply|status` (work in progress). */
export async function main(argv: readonly string[]): Promise<number> {
  process.stderr.write(`rockling onboard: not implemented yet (${argv.join(' ')})\n`);
  return 2;
}
