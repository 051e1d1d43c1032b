// How fast pooling law answers: a plan for the largest Annex B care model, a funding-stream
// classification, and a full check of the Dudley example (which runs the pooling checks).
// Target: under 5 ms each, so the web checker can re-plan on every change.
import { readArrangementFile } from '../src/law/arrangement-file.ts';
import { checkArrangement } from '../src/law/check.ts';
import { classifyFundingStream, planPooling } from '../src/law/pooling.ts';
import { loadRulebook } from '../src/law/rulebook.ts';

const targetMs = 5;
const runs = 500;
const rulebook = loadRulebook();
const dudley = readArrangementFile('examples/dudley-integrated-care.yaml');
const modelF = {
  services: [
    'primary-medical',
    'community-health',
    'adult-social-care',
    'la-public-health',
    'acute-non-surgical',
    's7a-screening',
    's7a-immunisation',
    'specialised',
  ],
  commissioners: ['nhs-england', 'ccg', 'local-authority'] as const,
};

function time(name: string, fn: () => unknown): void {
  for (let i = 0; i < 50; i++) fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const each = (performance.now() - start) / runs;
  const verdict = each <= targetMs ? 'within' : 'OVER';
  console.log(`${name}: ${each.toFixed(3)} ms per run (${verdict} the ${targetMs} ms target)`);
}

time('plan, 2017 care model F, 8 services', () =>
  planPooling(rulebook, { ...modelF, commissioners: [...modelF.commissioners] }, '2018-01-15'),
);
time('classify a funding stream, 2019', () =>
  classifyFundingStream(rulebook, { service: 'community-health', source: 's7a' }, '2019-06-01'),
);
time('check Dudley (pooling checks included), 2019', () => checkArrangement(rulebook, dudley, '2019-06-01'));
