// Runs autocannon with the options read as JSON from stdin and prints its result as JSON.
// The API bench starts it as a separate process so the load does not share the server's
// event loop, as real clients would not. `paths`, when given, are requested in turn across
// all connections, so no two requests in a row ask for the same thing.
import { text } from 'node:stream/consumers';
import autocannon from 'autocannon';

const { paths, ...options } = JSON.parse(await text(process.stdin)) as autocannon.Options & {
  paths?: string[];
};
if (paths?.length) {
  let next = 0;
  options.requests = [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }];
}
process.stdout.write(JSON.stringify(await autocannon(options)));
