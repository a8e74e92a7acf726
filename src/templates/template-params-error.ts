/** One problem with a template's parameters: the parameter key and a Korean/English message. */
export interface TemplateParamProblem {
  key: string;
  message: string;
}

/**
 * Thrown when a template cannot be built from the given parameters (missing required parameters such
 * as EVENT_ORDER's period, wrong types, unknown keys). A user error: retrying will not help.
 */
export class TemplateParamsError extends Error {
  readonly code = 'TEMPLATE_PARAMS_INVALID';
  readonly kind = 'user';
  constructor(
    readonly templateId: string,
    readonly problems: TemplateParamProblem[],
    options?: { cause?: unknown },
  ) {
    super(
      `${templateId}: ${problems.map((problem) => `${problem.key}: ${problem.message}`).join('; ')}`,
      options,
    );
    this.name = 'TemplateParamsError';
  }
}
