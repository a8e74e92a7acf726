import { createContext, useContext } from 'react';
import type { FactDefinition, FactsResponse, ValidationIssue } from '../../../src/server/api-contract.js';

/** What every node of the rule builder needs: the catalogue and the current validation issues. */
export interface EditorContextValue {
  catalogue: FactsResponse;
  factById: Map<string, FactDefinition>;
  issues: ValidationIssue[];
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('rule builder outside EditorContext');
  return value;
}
