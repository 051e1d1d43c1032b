/** Compiles the CLI and server into dist/cli. */
export function buildCli(): Promise<void>;
/** Compiles them only when dist/cli is missing or older than its sources; true if it built. */
export function buildCliIfStale(): Promise<boolean>;
