/**
 * A load failure whose message goes to the client verbatim (`"Status": "Fail"`, `"Message": …`).
 * StarRocks' texts are kept where clients pattern-match them (`too many filtered rows`, …).
 */
export class LoadError extends Error {
  override readonly name = 'LoadError';
}

/** A label that was already used: answered with `Label Already Exists` + ExistingJobStatus. */
export class LabelExistsError extends LoadError {
  constructor(
    readonly label: string,
    readonly existingJobStatus: 'RUNNING' | 'FINISHED',
  ) {
    super(`Label [${label}] has already been used.`);
  }
}
