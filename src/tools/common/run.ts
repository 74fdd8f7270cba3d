/** The shared shape of a tool's `main`: turn ToolErrors into one-line messages and exit codes. */
import { ToolError } from './errors.js';

/** Run a tool body; ToolError → `rockling <tool>: message` on stderr and its exit code. */
export async function runTool(tool: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof ToolError) {
      process.stderr.write(`rockling ${tool}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
