/** The PassFlow engine's public API: schemas, catalogue, validation, compilation, explanation. */
export * from './flow-schema.js';
export * from './decision.js';
export {
  FACTS,
  FactDefinition,
  FactType,
  FactGroup,
  GROUP_LABELS,
  OPERATOR_LABELS,
  OPERATOR_ARITY,
  describeFactCatalogue,
  findFact,
  operatorsFor,
  optionLabel,
} from './fact-catalogue.js';
export type { FactValue } from './fact-readers.js';
export { validateFlow, validateFlows, ValidationIssue } from './validate-flow.js';
export type { ValidateOptions, ValidationResult } from './validate-flow.js';
export { compileFlows, FlowCompileError } from './compile-flows.js';
export type { CompiledFlowSet, CompileOptions } from './compile-flows.js';
export { interpretFlows } from './interpret-flows.js';
export { describeDecision, explainDecision } from './explain-decision.js';
export type { DecisionExplanation, ExplanationLine, Lang, RuleExplanation } from './explain-decision.js';
export { TEMPLATE_PLACEHOLDERS } from './render-template.js';
export { EngineError } from './engine-error.js';
