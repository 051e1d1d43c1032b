// How fast a contract replays: the Dudley example (60 events, advert to closed exit) and
// the same contract with a further ten years of quarterly returns. Target: under 50 ms a
// replay, so the API can replay a contract on every request without storing its state.
import { readContractFile } from '../src/contracts/contract-file.ts';
import type { ContractEvent } from '../src/contracts/events.ts';
import { replayContract } from '../src/contracts/replay.ts';
import { loadRulebook } from '../src/law/rulebook.ts';

const targetMs = 50;
const runs = 100;
const rulebook = loadRulebook();
const dudley = readContractFile('examples/contracts/dudley-icp.yaml');

// A ten-year version: no early end, and every quarterly Friends and Family return recorded.
const tenYears = structuredClone(dudley);
tenYears.events = tenYears.events.filter((e) => !(e.type === 'variation-agreed' && e.new_end));
const quarters: ContractEvent[] = [];
for (let y = 2022; y < 2030; y++) {
  for (const [q, due] of [
    ['Q1', `${y}-07-20`],
    ['Q2', `${y}-10-20`],
    ['Q3', `${y + 1}-01-20`],
    ['Q4', `${y + 1}-04-20`],
  ] as const) {
    quarters.push({
      on: due,
      type: 'obligation-met',
      by: 'provider',
      obligation: 'lifecycle.obligation.friends-and-family',
      key: `${y}/${String((y + 1) % 100).padStart(2, '0')} ${q}`,
    });
  }
}
tenYears.events = [
  ...tenYears.events.filter((e) => e.on < '2022-07-01' && e.type !== 'exit-completed'),
  ...quarters,
].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

function time(name: string, fn: () => unknown): void {
  for (let i = 0; i < 10; i++) fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const each = (performance.now() - start) / runs;
  const verdict = each <= targetMs ? 'within' : 'OVER';
  console.log(`${name}: ${each.toFixed(2)} ms per replay (${verdict} the ${targetMs} ms target)`);
}

time(`Dudley example, ${dudley.events.length} events, to 1 October 2022`, () =>
  replayContract(rulebook, dudley, '2022-10-01'),
);
time(`Ten-year contract, ${tenYears.events.length} events, to 1 April 2031`, () =>
  replayContract(rulebook, tenYears, '2031-04-01'),
);
