import { useCallback, useState } from 'react';
import type { AllocationReport } from '../../finance/report.ts';
import type { AllocationBasis } from '../../finance/weighted-populations.ts';
import { ApiError } from '../api.ts';
import { Chart, type PlotModule } from '../components/Chart.tsx';
import { ErrorSummary, Select, TextInput } from '../components/forms.tsx';
import { OglAttribution } from '../components/Layout.tsx';
import { type AllocationRequest, useAllocate, useTree } from '../endpoints.ts';
import { formatCount, formatPence, todayInEngland } from '../format.ts';

/** Which weighted population a pot follows, in the words of NHS England's allocation tool. */
const bases: Record<AllocationBasis, string> = {
  'core-overall': 'Core services overall',
  'general-and-acute': 'General and acute',
  community: 'Community services',
  'mental-health': 'Mental health',
  maternity: 'Maternity',
  prescribing: 'Prescribing',
  'health-inequalities': 'Health inequalities',
  'primary-medical-care': 'Primary medical care',
  population: 'Registered population (no weighting)',
};

const onsCode = /^E0\d{7}$/;
const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** `body/places/1/practices/0` → the id of the input that holds it, so the error summary links there. */
export function inputFor(field: string): string {
  const place = /^body\/places\/(\d+)\/practices/.exec(field);
  if (place) return `place-${place[1]}-practices`;
  if (field.startsWith('body/pot')) return 'pot-amount';
  if (field === 'body/icb') return 'icb';
  return '';
}

/**
 * Place allocation: share an ICB's pot between its places by need, from NHS England's 2025/26
 * weighted populations. Places start as the ICB's places in the registry, each the GP
 * practices in its local authority; a practice over a boundary can be added to a place by hand.
 */
export function Allocation() {
  const [icb, setIcb] = useState('QUA');
  const [amount, setAmount] = useState('£100,000,000.00');
  const [basis, setBasis] = useState<AllocationBasis>('core-overall');
  const [extra, setExtra] = useState<Record<string, string>>({});
  const tree = useTree(/^[A-Z0-9]{3}$/.test(icb) ? icb : '', 'icb', todayInEngland());
  const allocate = useAllocate();
  const places = (tree.data?.tree.children ?? []).filter((c) => c.kind === 'place');

  const run = () => {
    const body: AllocationRequest = {
      icb,
      year: '2025/26',
      places: places.map((p, i) => ({
        id: slug(p.name) || `place-${i + 1}`,
        name: p.name,
        ...(onsCode.test(p.code) ? { local_authorities: [p.code] } : {}),
        practices: (extra[p.code] ?? '')
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((c) => c.toUpperCase()),
      })),
      pot: [{ id: 'pot', name: 'Pot', amount, basis }],
    };
    allocate.mutate(body);
  };
  const errors =
    allocate.error instanceof ApiError
      ? allocate.error.fieldErrors().map((e) => ({ field: inputFor(e.field), message: e.message }))
      : allocate.error
        ? [{ field: '', message: allocate.error.message }]
        : [];

  return (
    <>
      <h1>Place allocation</h1>
      <p className="nhsuk-lede-text">
        Share an integrated care board's budget between its places by need, using NHS England's 2025/26
        weighted populations for each GP practice.
      </p>
      <ErrorSummary errors={errors} />
      <TextInput
        id="icb"
        label="ICB code"
        hint="For example, QUA for NHS Black Country ICB"
        value={icb}
        onChange={(v) => setIcb(v.trim().toUpperCase())}
        width={10}
      />
      {tree.isPending && icb && <p>Finding the ICB's places…</p>}
      {tree.error && <p className="nhsuk-error-message">{tree.error.message}</p>}
      {tree.data && places.length === 0 && (
        <p className="nhsuk-error-message">The registry holds no places for {tree.data.tree.name}.</p>
      )}
      {places.length > 0 && (
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
            Places of {tree.data?.tree.name}
          </legend>
          <p>
            Each place starts as the practices in its local authority. Add a practice that belongs to a place
            but sits over the boundary by its ODS code.
          </p>
          {places.map((p, i) => (
            <TextInput
              key={p.code}
              id={`place-${i}-practices`}
              label={`${p.name} (${p.code}): extra practices`}
              hint="ODS codes, separated by commas, for example M88015"
              value={extra[p.code] ?? ''}
              onChange={(v) => setExtra({ ...extra, [p.code]: v })}
              width={30}
            />
          ))}
        </fieldset>
      )}
      <TextInput
        id="pot-amount"
        label="Pot to share"
        hint="In pounds, for example £100,000,000.00"
        value={amount}
        onChange={setAmount}
        width={20}
      />
      <Select
        id="basis"
        label="Share by the need for"
        value={basis}
        options={Object.entries(bases).map(([value, text]) => ({ value: value as AllocationBasis, text }))}
        onChange={setBasis}
      />
      <button
        type="button"
        className="nhsuk-button"
        disabled={places.length === 0 || allocate.isPending}
        onClick={run}
      >
        Allocate
      </button>
      {allocate.data && <AllocationResult report={allocate.data} />}
      <OglAttribution />
    </>
  );
}

function AllocationResult({ report }: { report: AllocationReport }) {
  const draw = useCallback(
    (Plot: PlotModule) =>
      Plot.plot({
        marginLeft: 120,
        x: {
          label: 'Pounds',
          tickFormat: (v: number) => `£${(v / 1e6).toLocaleString('en-GB')}m`,
          grid: true,
        },
        y: { label: null },
        marks: [
          Plot.barX(report.places, {
            y: 'name',
            x: (p: AllocationReport['places'][number]) => p.allocation.pence / 100,
            fill: '#005eb8',
            title: (p: AllocationReport['places'][number]) => `${p.name}: ${p.allocation.pounds}`,
          }),
          Plot.ruleX([0]),
        ],
      }),
    [report],
  );
  return (
    <section aria-labelledby="allocation-title">
      <h2 id="allocation-title">
        {report.icb_name} ({report.icb}), {report.year}: {formatPence(report.total.pence)}
      </h2>
      <Chart label="Allocation to each place" draw={draw} />
      <table className="nhsuk-table" data-testid="allocation">
        <caption className="nhsuk-table__caption">Need and allocation by place</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Place</th>
            <th scope="col">Practices</th>
            <th scope="col">Registered population</th>
            <th scope="col">Need index</th>
            <th scope="col">Allocation</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {report.places.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.name}</th>
              <td>{formatCount(p.practice_count)}</td>
              <td>{formatCount(Math.round(Number(p.population)))}</td>
              <td>{p.need_index.decimal}</td>
              <td>{formatPence(p.allocation.pence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="nhsuk-body-s">
        A need index above 1 means more need per registered person than the ICB as a whole.
      </p>
    </section>
  );
}
