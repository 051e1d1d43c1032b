import { useState } from 'react';
import { formatDate, isIsoDate } from '../../core/dates.ts';
import { compareChecks, describeRuleChange, termWarning } from '../check-compare.ts';
import { DateInput } from '../components/DateInput.tsx';
import { Downloads } from '../components/Downloads.tsx';
import { Select } from '../components/forms.tsx';
import { RuleSource } from '../components/RuleSource.tsx';
import { useCheck } from '../endpoints.ts';
import { navigate, useLocation } from '../router.ts';
import type { CheckReport, StoredArrangement } from '../types.ts';
import { CheckCounts, Findings } from './findings.tsx';

/**
 * Dates worth comparing: the 2017 ACO contract draft, the 2018 ICP Contract consultation,
 * and today. Any other date can be typed in.
 */
export function checkDates(today: string) {
  return [
    { value: '2017-09-01', text: `1 September 2017: the 2017 ACO contract draft` },
    { value: '2018-09-01', text: `1 September 2018: the 2018 ICP Contract consultation` },
    { value: today, text: `${formatDate(today)}: today` },
  ];
}

/** A date chosen from the list, or typed in: the address holds it (`?on=` and `?compare=`). */
function DateChoice(props: {
  id: string;
  label: string;
  /** The typed date's legend: "The date to check on". */
  legend: string;
  value: string;
  presets: { value: string; text: string }[];
  none?: string;
  onChange: (value: string) => void;
}) {
  const { id, value, presets, onChange } = props;
  const preset = value === '' || presets.some((p) => p.value === value);
  const [typing, setTyping] = useState(!preset);
  const [typed, setTyped] = useState(preset ? '' : value);
  const choice = typing ? 'other' : value;
  const error =
    typing && typed && !isIsoDate(typed) ? 'The date must be a real date, like 15 1 2019' : undefined;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-one-half">
        <Select
          id={id}
          label={props.label}
          value={choice}
          options={[
            ...(props.none !== undefined ? [{ value: '', text: props.none }] : []),
            ...presets,
            { value: 'other', text: 'Another date' },
          ]}
          onChange={(v) => {
            setTyping(v === 'other');
            if (v !== 'other') onChange(v);
            else if (isIsoDate(typed)) onChange(typed);
          }}
        />
      </div>
      {typing && (
        <div className="nhsuk-grid-column-one-half">
          <DateInput
            id={`${id}-other`}
            legend={props.legend}
            hint="For example, 15 1 2019"
            value={typed}
            error={error}
            onChange={(v) => {
              setTyped(v);
              if (isIsoDate(v)) onChange(v);
            }}
          />
        </div>
      )}
    </div>
  );
}

/** Sets one search parameter of the current address without adding a step to the history. */
function setParam(url: URL, name: string, value: string) {
  const next = new URL(url);
  if (value) next.searchParams.set(name, value);
  else next.searchParams.delete(name);
  navigate(next.pathname + next.search, { replace: true, keepScroll: true });
}

/**
 * "Is it lawful?": the check on a date, or on two dates side by side with what differs
 * between them and which rule versions made the difference. The dates are in the address,
 * so a comparison can be bookmarked or sent to a colleague.
 */
export function CheckOnDates({ arrangement, today }: { arrangement: StoredArrangement; today: string }) {
  const url = useLocation();
  const on = validDate(url.searchParams.get('on')) ?? today;
  const compare = validDate(url.searchParams.get('compare'));
  const presets = checkDates(today);
  const first = useCheck(arrangement.id, arrangement.version, on);
  const second = useCheck(arrangement.id, compare ? arrangement.version : undefined, compare ?? on);
  const term = arrangement.document.term;
  return (
    <section aria-labelledby="check-title">
      <h2 id="check-title">Is it lawful?</h2>
      <p>
        Check the arrangement against the rules in force on a date, or compare two dates to see what changed
        and why.
      </p>
      <DateChoice
        id="check-on"
        label="Check on"
        legend="The date to check on"
        value={on}
        presets={presets}
        onChange={(v) => setParam(url, 'on', v)}
      />
      <DateChoice
        id="compare-on"
        label="Compare with"
        legend="The date to compare with"
        value={compare ?? ''}
        none="No comparison"
        presets={presets}
        onChange={(v) => setParam(url, 'compare', v)}
      />
      {!compare && <OneDate id={arrangement.id} check={first} on={on} term={term} />}
      {compare && (
        <>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-half">
              <DateSummary check={first} on={on} term={term} />
            </div>
            <div className="nhsuk-grid-column-one-half">
              <DateSummary check={second} on={compare} term={term} />
            </div>
          </div>
          {first.data && second.data && <Differences first={first.data} second={second.data} />}
        </>
      )}
    </section>
  );
}

const validDate = (v: string | null) => (v && isIsoDate(v) ? v : undefined);

type CheckQuery = ReturnType<typeof useCheck>;

function OneDate({ id, check, on, term }: { id: string; check: CheckQuery; on: string; term: Term }) {
  return (
    <>
      <DateSummary check={check} on={on} term={term} />
      {check.data && !check.isFetching && (
        <>
          <Downloads
            what="findings"
            table="findings"
            resource={{ path: `/api/arrangements/${encodeURIComponent(id)}/check`, query: { on }, post: {} }}
          />
          <Findings findings={check.data.findings} />
        </>
      )}
    </>
  );
}

type Term = StoredArrangement['document']['term'];

function DateSummary({ check, on, term }: { check: CheckQuery; on: string; term: Term }) {
  const warning = termWarning(on, term);
  return (
    <div aria-live="polite">
      <h3 className="nhsuk-heading-m" data-testid="checked-on">
        On {formatDate(on)}
      </h3>
      {warning && (
        <div className="nhsuk-warning-callout">
          <h4 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Outside the term
            </span>
          </h4>
          <p>{warning}</p>
        </div>
      )}
      {check.isFetching && <p>Checking on {formatDate(on)}…</p>}
      {check.error && <p className="nhsuk-error-message">{check.error.message}</p>}
      {check.data && !check.isFetching && <CheckCounts report={check.data} />}
    </div>
  );
}

function Differences({ first, second }: { first: CheckReport; second: CheckReport }) {
  const c = compareChecks(first, second);
  const [a, b] = [formatDate(first.on), formatDate(second.on)];
  return (
    <section aria-labelledby="differences-title" data-testid="differences">
      <h3 id="differences-title">
        What differs between {a} and {b}
      </h3>
      {c.rules.length === 0 && c.onlyFirst.length === 0 && c.onlySecond.length === 0 && (
        <p>The rules give the same answers on both dates.</p>
      )}
      {c.rules.length > 0 && (
        <>
          <h4>Rules in force in a different version</h4>
          <ul className="nhsuk-list nhsuk-list--bullet" data-testid="rule-changes">
            {c.rules.map((r) => (
              <li key={r.rule}>
                <strong>{r.title ?? 'A rule used on one date only'}</strong>.{' '}
                {describeRuleChange(r, first.on, second.on)}
                <RuleSource rule={r.rule} citations={[]} provenance={r.provenance} about={r.title} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>Only on {a}</h4>
      {c.onlyFirst.length === 0 ? <p>Nothing.</p> : <Findings findings={c.onlyFirst} />}
      <h4>Only on {b}</h4>
      {c.onlySecond.length === 0 ? <p>Nothing.</p> : <Findings findings={c.onlySecond} />}
    </section>
  );
}
