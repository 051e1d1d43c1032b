import { type FormEvent, useState } from 'react';
import { today as todayInEngland } from '../../../core/dates.ts';
import { answer, apiClient } from '../../api.ts';
import { ErrorSummary, Radios, TextInput } from '../../components/forms.tsx';
import { BackLink, Link } from '../../components/Link.tsx';
import { useOrganisation } from '../../endpoints.ts';
import { organisationName } from '../../names.ts';
import { type OperatingModel, useOperatingModels } from '../../operating-model-endpoints.ts';
import { blankModel, copyOf, type IcbChoice } from '../../operating-model-form.ts';
import { operatingModelIcbs } from '../../roles.ts';
import { navigate, useLocation } from '../../router.ts';
import type { User } from '../../types.ts';
import { keepDraft, keptDraft } from './editor-state.tsx';
import { RegistrySearch } from './OrganisationPicker.tsx';

/** An ICB as the model records it, from the registry: its name and its current NHS region. */
function useIcb(code: string): { icb: IcbChoice | undefined; pending: boolean } {
  const icb = useOrganisation(code, 'icb');
  if (!icb.data) return { icb: undefined, pending: code !== '' && icb.isPending };
  const region = icb.data.parents.find((p) => p.kind === 'region' && p.to === null);
  return { icb: { code, name: organisationName(icb.data.name), region: region?.name ?? '' }, pending: false };
}

/**
 * The first question of a new operating model: which ICB it is for (a commissioner's own;
 * any, found by name, for an administrator), and whether to start blank or from a copy of one
 * of that ICB's stored models. The draft then opens in the editor.
 */
export function NewModel({ user }: { user: User }) {
  const may = operatingModelIcbs(user.roles);
  const copy = useLocation().searchParams.get('copy') ?? '';
  const models = useOperatingModels();
  const copied = models.data?.find((m) => m.id === copy);
  const [code, setCode] = useState(may.codes[0] ?? '');
  const icbCode = copied?.icb ?? code;
  const { icb, pending } = useIcb(icbCode);
  const [region, setRegion] = useState('');
  const [start, setStart] = useState(copy || 'blank');
  const [submitted, setSubmitted] = useState(false);
  const [failed, setFailed] = useState<string | undefined>();
  const inProgress = keptDraft('new');

  if (!may.all && may.codes.length === 0)
    return (
      <>
        <h1>You cannot create an operating model</h1>
        <p>
          Only an integrated care board's governance lead (its commissioner role) or an administrator can.
        </p>
      </>
    );
  if (pending || models.isPending) return <p>Loading…</p>;
  const sources = (models.data ?? []).filter((m) => m.icb === icbCode);
  const chosenRegion = icb?.region || region.trim();
  const errors = [
    ...(icb ? [] : [{ field: may.all ? 'icb-search' : 'icb', message: 'Choose the integrated care board' }]),
    ...(icb && !chosenRegion ? [{ field: 'region', message: 'Enter the NHS region of the ICB' }] : []),
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.length || !icb) return;
    let model: OperatingModel;
    try {
      model =
        start === 'blank'
          ? blankModel({ ...icb, region: chosenRegion }, todayInEngland())
          : copyOf(
              (
                (await answer(
                  apiClient.GET('/api/operating-models/{id}', { params: { path: { id: start } } }),
                )) as { document: OperatingModel }
              ).document,
            );
    } catch (e) {
      setFailed((e as Error).message);
      return;
    }
    keepDraft('new', { base: null, model, on: model.effective_from ?? todayInEngland() });
    navigate('/ics/new/edit');
  };

  return (
    <>
      <BackLink href="/ics">Back</BackLink>
      <form onSubmit={submit} noValidate>
        <ErrorSummary
          errors={[...(submitted ? errors : []), ...(failed ? [{ field: '', message: failed }] : [])]}
        />
        <span className="nhsuk-caption-l">ICS operating models</span>
        <h1>Create an operating model</h1>
        {inProgress && (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              You have started “{inProgress.model.name}” in this tab and not saved it.{' '}
              <Link href="/ics/new/edit">Carry on with it</Link>, or start again below.
            </p>
          </div>
        )}
        {may.all && !copied ? (
          <>
            {icb && (
              <p id="icb">
                For {icb.name} ({icb.code}).
              </p>
            )}
            <RegistrySearch
              id="icb-search"
              label={icb ? 'Choose another integrated care board' : 'Which integrated care board is it for?'}
              kind="icb"
              onPick={(found) => {
                setCode(found.code);
                setStart('blank');
              }}
            />
          </>
        ) : may.codes.length > 1 && !copied ? (
          <Radios
            id="icb"
            legend="Which integrated care board is it for?"
            value={code}
            options={may.codes.map((c) => ({ value: c, text: c }))}
            onChange={setCode}
          />
        ) : (
          <p id="icb">For {icb ? `${icb.name} (${icb.code})` : icbCode}.</p>
        )}
        {icb && !icb.region && (
          <TextInput
            id="region"
            label="NHS region of the ICB"
            hint="The registry does not say; for example Midlands"
            value={region}
            error={submitted ? errors.find((e) => e.field === 'region')?.message : undefined}
            onChange={setRegion}
          />
        )}
        <Radios
          id="start"
          legend="How do you want to start?"
          value={start}
          options={[
            {
              value: 'blank',
              text: 'A blank operating model',
              hint: 'Only the ICB, NHS England, and a board of a chair and a chief executive',
            },
            ...sources.map((m) => ({
              value: m.id,
              text: `A copy of ${m.name}`,
              hint: `Version ${m.version}`,
            })),
          ]}
          onChange={setStart}
        />
        <button className="nhsuk-button" type="submit">
          Continue
        </button>
      </form>
    </>
  );
}
