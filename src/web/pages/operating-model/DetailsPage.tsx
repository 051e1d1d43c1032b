import { useState } from 'react';
import { DateInput } from '../../components/DateInput.tsx';
import { Textarea, TextInput } from '../../components/forms.tsx';
import { detailsErrors } from '../../operating-model-form.ts';
import { navigate } from '../../router.ts';
import { useEditor } from './editor-state.tsx';
import { CheckStatus, FindingsBeside, QuestionPage, useLiveCheck } from './parts.tsx';

/** The model's name, the date it takes effect and what in it is illustrative; the ICB is fixed. */
export function DetailsPage() {
  const { home, draft, setDraft } = useEditor();
  const [local, setLocal] = useState(draft);
  const live = useLiveCheck(local);
  return (
    <QuestionPage
      back={home}
      caption={draft.name}
      title="Name and date it takes effect"
      errors={detailsErrors(local)}
      onContinue={() => {
        setDraft(local);
        navigate(home);
      }}
    >
      {(errorFor) => (
        <>
          <p>
            For {local.icb.name} ({local.icb.code}), {local.icb.region} region. To describe another ICB,
            create a new operating model.
          </p>
          <CheckStatus live={live} />
          <FindingsBeside report={live.report} at={['icb']} label="the ICB" />
          <TextInput
            id="name"
            label="Name of the operating model"
            value={local.name}
            error={errorFor('name')}
            onChange={(name) => setLocal({ ...local, name })}
          />
          <DateInput
            id="effective_from"
            legend="When does it take effect?"
            hint="For example, 1 4 2026. The explorer shows the model in force on each date."
            value={local.effective_from ?? ''}
            error={errorFor('effective_from')}
            onChange={(effective_from) => setLocal({ ...local, effective_from })}
          />
          <Textarea
            id="illustrative"
            label="What in it is illustrative (optional)"
            hint="Say what is invented or not yet agreed, so nobody mistakes it for the ICB's decision"
            value={local.illustrative ?? ''}
            onChange={(illustrative) => setLocal({ ...local, illustrative })}
          />
        </>
      )}
    </QuestionPage>
  );
}
