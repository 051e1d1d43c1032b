// Tests that run the `concordat` command run the compiled CLI when there is one, so it is
// rebuilt first if a source changed since (a targeted `npx vitest run` skips `npm test`'s set-up).
import { buildCliIfStale } from '../scripts/build-node.mjs';

export default async function setup(): Promise<void> {
  await buildCliIfStale();
}
