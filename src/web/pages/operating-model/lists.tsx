import { type ReactNode, useState } from 'react';
import { type FieldError, RemoveButton } from '../../components/forms.tsx';
import { BackLink, Link } from '../../components/Link.tsx';
import type { OperatingModel } from '../../operating-model-endpoints.ts';
import {
  fieldId,
  type ItemOf,
  idsIn,
  type ListPart,
  newId,
  type Path,
  usesOf,
  withItem,
  withoutItem,
} from '../../operating-model-form.ts';
import { navigate } from '../../router.ts';
import { useEditor } from './editor-state.tsx';
import { CheckStatus, FindingsBeside, QuestionPage, useLiveCheck } from './parts.tsx';

/** What a list page shows of each item. */
export interface ItemSummary {
  name: string;
  /** A line or two about it: its members, who decides, its budget. */
  about: ReactNode;
}

/**
 * The page listing one part's items ("add another" pattern): each with what the check says
 * about it, a link to change it and a button to remove it (refused, with the reason, while
 * another part still refers to it), and a button to add one.
 */
export function ItemListPage<P extends ListPart>({
  part,
  title,
  intro,
  addText,
  summary,
  label,
}: {
  part: P;
  title: string;
  intro: ReactNode;
  addText: string;
  summary: (item: ItemOf<P>, index: number) => ItemSummary;
  /** What one item is called, for links: "place". */
  label: string;
}) {
  const { home, draft, setDraft } = useEditor();
  const live = useLiveCheck(draft);
  const [notice, setNotice] = useState<{ index: number; text: string } | undefined>();
  const items = draft[part] as ItemOf<P>[];
  const remove = (index: number, item: ItemOf<P>, name: string) => {
    const uses = usesOf(draft, item.id);
    if (uses.length) {
      setNotice({
        index,
        text: `You cannot remove ${name} yet: ${uses.join(', ')} still refer to it. Change those first.`,
      });
      return;
    }
    setNotice(undefined);
    setDraft(withoutItem(draft, part, index));
  };
  return (
    <>
      <BackLink href={home}>Back to the overview</BackLink>
      <span className="nhsuk-caption-l">{draft.name}</span>
      <h1>{title}</h1>
      {intro}
      <CheckStatus live={live} />
      <FindingsBeside
        report={live.report}
        at={[part]}
        except={items.map((_, i) => [part, i])}
        label={title}
      />
      {items.length === 0 && <p>None yet.</p>}
      <ul className="nhsuk-list" data-testid={`${part}-list`}>
        {items.map((item, i) => {
          const { name, about } = summary(item, i);
          return (
            <li key={item.id} className="nhsuk-card nhsuk-u-margin-bottom-4">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-s">{name}</h2>
                <div className="nhsuk-body-s">{about}</div>
                <FindingsBeside report={live.report} at={[part, i]} label={name} />
                {notice?.index === i && (
                  <p className="nhsuk-error-message" role="alert">
                    {notice.text}
                  </p>
                )}
                <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
                  <Link href={`${home}/${part}/${i}`}>
                    Change<span className="nhsuk-u-visually-hidden"> {name}</span>
                  </Link>
                  <RemoveButton label={name} onClick={() => remove(i, item, name)} />
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      <div className="nhsuk-button-group">
        <Link className="nhsuk-button nhsuk-button--secondary" href={`${home}/${part}/new`}>
          {addText}
        </Link>
        <Link className="nhsuk-button" href={home}>
          Back to the overview<span className="nhsuk-u-visually-hidden"> from the {label} list</span>
        </Link>
      </div>
    </>
  );
}

/**
 * The state of one item's question page: a copy of the whole model with the item changed
 * (choosing an organisation from the registry adds it to the model too), kept apart from the
 * draft until Continue, and the check of that copy. A new item gets its id from its name then.
 * `at` is a path under the item (for findings), `id` a field's id there.
 */
export function useItemPage<P extends ListPart>(
  part: P,
  which: string,
  blank: (model: OperatingModel) => ItemOf<P>,
) {
  const { home, draft, setDraft } = useEditor();
  const isNew = which === 'new';
  const index = isNew ? draft[part].length : Number(which);
  const [local, setLocal] = useState<OperatingModel>(() =>
    isNew ? withItem(draft, part, index, blank(draft)) : draft,
  );
  const live = useLiveCheck(local);
  const item = (local[part] as ItemOf<P>[])[index];
  const setItem = (next: ItemOf<P>) => setLocal((m) => withItem(m, part, index, next));
  const at = (...path: (string | number)[]): Path => [part, index, ...path];
  const id = (...path: (string | number)[]) => fieldId(...at(...path));
  const commit = () => {
    let model = local;
    if (isNew && item) {
      const taken = idsIn(withoutItem(local, part, index));
      model = withItem(local, part, index, { ...item, id: newId(itemName(item), taken, part) });
    }
    setDraft(model);
    navigate(`${home}/${part}`);
  };
  return { local, setLocal, live, item, setItem, index, at, id, isNew, commit, back: `${home}/${part}` };
}

/**
 * One item's question page: the check's status and its findings about the item as a whole
 * (those shown beside a field left out by `except`), then the item's fields.
 */
export function ItemQuestionPage(props: {
  page: Pick<ReturnType<typeof useItemPage>, 'local' | 'live' | 'at' | 'back' | 'commit'>;
  title: string;
  errors: FieldError[];
  /** What the item is called, for screen readers: "Dudley place". */
  label: string;
  except?: Path[];
  children: (errorFor: (field: string) => string | undefined) => ReactNode;
}) {
  const { page } = props;
  return (
    <QuestionPage
      back={page.back}
      caption={page.local.name}
      title={props.title}
      errors={props.errors}
      onContinue={page.commit}
    >
      {(errorFor) => (
        <>
          <CheckStatus live={page.live} />
          <FindingsBeside
            report={page.live.report}
            at={page.at()}
            except={props.except}
            label={props.label}
          />
          {props.children(errorFor)}
        </>
      )}
    </QuestionPage>
  );
}

function itemName(item: ItemOf<ListPart>): string {
  return 'decision' in item ? item.decision : item.name;
}

/** A temporary id for an item being added, unique in the model until Continue names it. */
export function draftId(model: OperatingModel, part: ListPart): string {
  return newId(`new-${part}`, idsIn(model), part);
}
