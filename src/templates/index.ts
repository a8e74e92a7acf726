import { bankAlertTemplate } from './bank-alert-template.js';
import { bigOrderExample } from './big-order-example.js';
import { bundleHintExample } from './bundle-hint-example.js';
import { bundleShipTemplate } from './bundle-ship-template.js';
import { csCautionExample } from './cs-caution-example.js';
import { dawnSameDayExample } from './dawn-same-day-example.js';
import { eventOrderExample } from './event-order-example.js';
import { firstOrderTemplate } from './first-order-template.js';
import { fraudCheckTemplate } from './fraud-check-template.js';
import { highRiskExample } from './high-risk-example.js';
import { highValueTemplate } from './high-value-template.js';
import { islandShipTemplate } from './island-ship-template.js';
import { jejuRemoteExample } from './jeju-remote-example.js';
import { marketingExample } from './marketing-example.js';
import { returnRiskTemplate } from './return-risk-template.js';
import { sameDayTemplate } from './same-day-template.js';
import { stockAlertTemplate } from './stock-alert-template.js';
import type { TemplateDefinition } from './template-definition.js';
import { vipCustomerExample } from './vip-customer-example.js';
import { vipGiftTemplate } from './vip-gift-template.js';

export type { TemplateDefinition, TemplateKind, Localized } from './template-definition.js';
export { TemplateParamsError, type TemplateParamProblem } from './template-params-error.js';
export {
  describeTemplateParams,
  parseTemplateParamValue,
  type TemplateParamInfo,
} from './template-params.js';

/** The 10 built-in templates, then the 9 example recipes, in DESIGN.md order. */
export const TEMPLATES: TemplateDefinition[] = [
  firstOrderTemplate,
  islandShipTemplate,
  highValueTemplate,
  bundleShipTemplate,
  bankAlertTemplate,
  vipGiftTemplate,
  fraudCheckTemplate,
  returnRiskTemplate,
  sameDayTemplate,
  stockAlertTemplate,
  vipCustomerExample,
  jejuRemoteExample,
  highRiskExample,
  eventOrderExample,
  csCautionExample,
  dawnSameDayExample,
  bundleHintExample,
  marketingExample,
  bigOrderExample,
];

/** The template or example with this ID (exact, case-sensitive), or undefined. */
export function findTemplate(id: string): TemplateDefinition | undefined {
  return TEMPLATES.find((template) => template.id === id);
}
