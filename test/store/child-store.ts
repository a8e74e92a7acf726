import { openStore, type Store } from '../../src/store/open-store.js';

/** How a test's child process reaches the parent's store (passed as JSON on its command line). */
export interface ChildStoreArgs {
  databaseUrl?: string;
  schema?: string;
  dataDir: string;
  secretKey: string;
  mallId: string;
}

/** The child process's own store over the parent's database (a small pool: it is one of several). */
export function openChildStore(args: ChildStoreArgs): Store {
  return openStore({
    dataDir: args.dataDir,
    secretKey: args.secretKey,
    poolSize: 4,
    ...(args.databaseUrl === undefined ? {} : { databaseUrl: args.databaseUrl }),
    ...(args.schema === undefined ? {} : { schema: args.schema }),
  });
}
