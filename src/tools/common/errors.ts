/**
 * A failure the user caused or can fix (bad flag, unreachable target): printed as one line,
 * no stack, with the exit status it carries (2 for usage, 3 for an unusable target).
 */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
