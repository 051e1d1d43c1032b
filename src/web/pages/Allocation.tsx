import { useState } from 'react';
import { allocators, holdsOneOf, icbEditors } from '../../core/roles.ts';
import { TextInput } from '../components/forms.tsx';
import { OglAttribution } from '../components/Layout.tsx';
import { useGroupings, useIcbPractices } from '../endpoints.ts';
import type { User } from '../types.ts';
import { AllocationForm } from './allocation/AllocationForm.tsx';

/**
 * Place allocation: choose an ICB, group its practices into places (by local authority to
 * start), set the pot's components with ring-fences, floors and a pace of change, and see
 * relative need indices and allocations from NHS England's weighted populations as you go.
 * The form is in allocation/AllocationForm.tsx, the results and charts beside it. Only the
 * roles the server lets allocate are offered it, and only an ICB's own commissioners saving.
 */
export function Allocation({ user }: { user: User }) {
  const [icbText, setIcbText] = useState('QUA');
  const icb = /^[A-Z0-9]{3}$/.test(icbText) ? icbText : '';
  const allowed = holdsOneOf(user.roles, allocators);
  const practices = useIcbPractices(allowed ? icb : '');
  const groupings = useGroupings(allowed ? icb : '');
  if (!allowed)
    return (
      <>
        <h1>Place allocation</h1>
        <p>Your role does not include sharing an integrated care board's budget between its places.</p>
      </>
    );
  return (
    <>
      <h1>Place allocation</h1>
      <p className="nhsuk-lede-text">
        Share an integrated care board's budget between its places by need, using NHS England's weighted
        populations for each GP practice.
      </p>
      <TextInput
        id="icb"
        label="ICB code"
        hint="For example, QUA for NHS Black Country ICB"
        value={icbText}
        onChange={(v) => setIcbText(v.trim().toUpperCase())}
        error={icb ? undefined : 'Enter an ICB code of 3 letters or digits, like QUA'}
        width={10}
      />
      {icb && practices.isPending && <p>Finding the ICB's practices…</p>}
      {practices.error && <p className="nhsuk-error-message">{practices.error.message}</p>}
      {practices.data && (
        <AllocationForm
          key={icb}
          icb={icb}
          icbName={practices.data.icb_name}
          year={practices.data.year}
          source={practices.data.source}
          practices={practices.data.practices}
          groupings={groupings.data ?? []}
          canSave={holdsOneOf(user.roles, icbEditors, [icb])}
        />
      )}
      <OglAttribution />
    </>
  );
}
