import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * An example request body for each operation that takes one, shown in the OpenAPI document
 * and by generated clients' documentation. The large ones are the project's own worked
 * examples (examples/), so they are valid requests, not made-up shapes; read only when the
 * document is first asked for.
 */
const exampleFile = (path: string) =>
  parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const arrangement = () => exampleFile('examples/black-country-dudley-place-2026.yaml');
const contract = () => {
  const file = exampleFile('examples/contracts/dudley-icp.yaml');
  return { particulars: file.particulars, events: (file.events as unknown[]).slice(0, 2) };
};
const contractEvent = {
  on: '2019-06-03',
  type: 'preferred-bidder-selected',
  by: 'commissioner',
  bidder: 'Dudley Integrated Health and Care NHS Trust',
};
const places = () => {
  const { icb, description: _d, ...rest } = exampleFile('examples/places/black-country-2025-26.yaml');
  return { icb, year: '2025/26', explain: false, ...rest };
};
const grouping = {
  name: 'Four local-authority places',
  year: '2025/26',
  places: [
    { name: 'Dudley', practices: ['M87001', 'M87005'] },
    { name: 'Sandwell', practices: ['M88015'] },
  ],
  reason: 'Places agreed by the ICB board on 3 March 2025',
};

const operatingModel = () => exampleFile('examples/operating-models/voluntary-ics-2021.yaml');

export const requestExamples: Record<string, () => unknown> = {
  signIn: () => ({ email: 'commissioner@example.nhs.uk', password: 'correct horse battery staple' }),
  issueToken: () => ({ label: 'ICB finance system' }),
  disableUser: () => ({ reason: 'Left the ICB on 31 March 2026' }),
  enableUser: () => ({ reason: 'Returned from leave' }),
  createUser: () => ({
    email: 'finance.lead@example.nhs.uk',
    name: 'Priya Shah',
    password: 'a long passphrase of 12+',
    roles: [{ role: 'commissioner', organisation: 'QUA' }],
    reason: 'New ICB finance lead',
  }),
  createArrangement: () => ({ arrangement: arrangement(), reason: 'Section 75 agreement signed' }),
  replaceArrangement: () => ({ version: 1, arrangement: arrangement(), reason: 'Public health added' }),
  checkArrangementDraft: () => ({ arrangement: arrangement() }),
  restoreArrangementVersion: () => ({
    version: 3,
    reason: 'The board did not approve moving mental health into the pooled fund',
  }),
  recordDecision: () => ({
    decision: 'approve-subcontract',
    subject: 'Community podiatry subcontract with Walsall Healthcare',
    outcome: 'approved with a direct agreement',
    reason: 'Value for money shown in the business case',
    on: '2026-05-01',
  }),
  proposePartyChange: () => ({
    change: 'add',
    organisation: 'RBK',
    side: 'provider',
    reason: 'Walsall Healthcare NHS Trust joins to provide community services',
  }),
  declinePartyChange: () => ({ reason: 'Not agreed by the council cabinet' }),
  replayContract: () => ({ contract: contract(), on: '2021-06-30' }),
  offerContractEvent: () => {
    const { particulars, events } = contract();
    return { contract: { particulars, events: (events as unknown[]).slice(0, 1) }, event: contractEvent };
  },
  createContract: () => ({ contract: contract(), reason: 'Contract awarded on 16 September 2019' }),
  recordContractEvent: () => ({
    event: { on: '2019-09-16', type: 'contract-awarded', by: 'commissioner', legal_advice_taken: true },
    version: 2,
  }),
  allocatePlaces: places,
  writeAllocationPaper: places,
  createOperatingModel: () => ({ model: operatingModel(), reason: 'Agreed by the ICB board' }),
  checkOperatingModelDraft: () => ({ model: operatingModel(), on: '2021-09-01' }),
  replaceOperatingModel: () => ({
    version: 1,
    model: operatingModel(),
    reason: 'Scheme of delegation revised',
  }),
  createPlaceGrouping: () => grouping,
  replacePlaceGrouping: () => ({ version: 1, ...grouping }),
};
