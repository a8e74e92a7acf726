import { createContext, useContext } from 'react';
import type { FactsResponse, SessionResponse } from '../../../src/server/api-contract.js';
import { api } from './api.js';

export const SessionContext = createContext<SessionResponse | null>(null);

export function useSession(): SessionResponse {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in shell');
  return session;
}

let factsPromise: Promise<FactsResponse> | undefined;

/** The fact catalogue changes only with a deploy: fetched once per page load. */
export function loadFacts(): Promise<FactsResponse> {
  factsPromise ??= api<FactsResponse>('GET', '/api/facts').catch((failure: unknown) => {
    factsPromise = undefined;
    throw failure;
  });
  return factsPromise;
}
