import type { DatabaseConnection, Dialect, Driver } from 'kysely';

/**
 * PGlite is one session. `kysely-pglite` hands the same session to every caller, so two
 * transactions at once interleave their statements and both fail. This wraps its driver
 * so connections are lent one at a time, like a pool of one: the second transaction waits
 * for the first to finish (which is also what makes optimistic concurrency work on PGlite).
 */
export function oneConnectionAtATime(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => serialise(dialect.createDriver()),
  };
}

function serialise(driver: Driver): Driver {
  let queue: Promise<void> = Promise.resolve();
  const releases = new WeakMap<DatabaseConnection, () => void>();
  return {
    init: () => driver.init(),
    destroy: () => driver.destroy(),
    beginTransaction: (c, s) => driver.beginTransaction(c, s),
    commitTransaction: (c) => driver.commitTransaction(c),
    rollbackTransaction: (c) => driver.rollbackTransaction(c),
    async acquireConnection() {
      let release!: () => void;
      const turn = new Promise<void>((r) => {
        release = r;
      });
      const previous = queue;
      queue = previous.then(() => turn);
      await previous;
      const connection = await driver.acquireConnection();
      // Each loan gets its own wrapper object so its release is found again.
      const loan: DatabaseConnection = {
        executeQuery: (q) => connection.executeQuery(q),
        streamQuery: (q, n) => connection.streamQuery(q, n),
      };
      releases.set(loan, release);
      return loan;
    },
    async releaseConnection(loan) {
      releases.get(loan)?.();
    },
  };
}
