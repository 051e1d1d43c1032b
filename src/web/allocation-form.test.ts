import { describe, expect, it } from 'vitest';
import {
  addPlace,
  allocationRequest,
  byLocalAuthority,
  draftErrors,
  type IcbPractice,
  inputFor,
  movePractice,
  movePractices,
  newDraft,
  pcnsOf,
  removePlace,
} from './allocation-form.ts';

const practice = (code: string, la: string): IcbPractice => ({
  code,
  name: `Practice ${code}`,
  local_authority: 'E08000000',
  local_authority_name: la,
  population: '1000.00',
});
const practices = [
  practice('M87002', 'Dudley'),
  practice('M88015', 'Birmingham'),
  practice('M87001', 'Dudley'),
];

describe('place allocation form', () => {
  it('starts with one place per local authority, A–Z, practices in code order', () => {
    expect(byLocalAuthority(practices)).toEqual([
      { name: 'Birmingham', practices: ['M88015'] },
      { name: 'Dudley', practices: ['M87001', 'M87002'] },
    ]);
  });

  it('moves a practice, names the emptied place, and drops it with its floors', () => {
    let draft = newDraft(byLocalAuthority(practices));
    draft = { ...draft, components: draft.components.map((c) => ({ ...c, floors: ['£1.00', '£2.00'] })) };
    draft = movePractice(draft, 'M88015', 1);
    expect(draft.places[1]?.practices).toEqual(['M87001', 'M87002', 'M88015']);
    expect(draftErrors(draft)).toEqual([
      { field: 'place-0-practices', message: 'Birmingham has no practices: move some into it or remove it' },
    ]);
    draft = removePlace(draft, 0);
    expect(draftErrors(draft)).toEqual([]);
    expect(draft.components[0]?.floors).toEqual(['£2.00']);
  });

  it('names each field that is wrong by the id of its input', () => {
    let draft = addPlace(newDraft(byLocalAuthority(practices)));
    draft = movePractice(draft, 'M87002', 2);
    draft = {
      ...draft,
      places: draft.places.map((p, i) => (i === 2 ? { ...p, name: 'dudley' } : p)),
      components: draft.components.map((c) => ({ ...c, amount: 'lots', floors: ['', '-£5.00', ''] })),
      pace: { on: true, percent: '150%', current: ['£1.00', '', '£3.00'] },
    };
    expect(draftErrors(draft).map((e) => e.field)).toEqual([
      'place-2-name',
      'component-0-amount',
      'component-0-place-1-floor',
      'pace',
      'current-1',
    ]);
  });

  it('builds the allocation request with ring-fences, floors and pace, and maps problems back', () => {
    let draft = newDraft(byLocalAuthority(practices));
    draft = {
      ...draft,
      components: draft.components.map((c) => ({ ...c, ringFences: ['£5.00', ''], floors: ['', '£7.00'] })),
      pace: { on: true, percent: '25', current: ['£1.00', '£2.00'] },
    };
    const request = allocationRequest('QUA', '2025/26', draft);
    expect(request.pot[0]).toMatchObject({
      ring_fences: [{ place: 'place-1', amount: '£5.00' }],
      floors: [{ place: 'place-2', minimum: '£7.00' }],
    });
    expect(request.pace).toBe('25%');
    expect(request.method).toBe('exact');
    expect(allocationRequest('QUA', '2025/26', { ...draft, method: 'nhse-tool' }).method).toBe('nhse-tool');
    expect(request.current).toEqual([
      { place: 'place-1', amount: '£1.00' },
      { place: 'place-2', amount: '£2.00' },
    ]);
    expect(inputFor('body/places/1/practices/1', draft)).toBe('practice-M87002');
    expect(inputFor('body/pot/0', draft)).toBe('component-0-amount');
    expect(inputFor('body/places/0/name', draft)).toBe('place-0-name');
    expect(inputFor('body/current/1/amount', draft)).toBe('current-1');
  });

  it('moves a whole PCN, or several ticked practices, in one go', () => {
    const inPcn = practices.map((p, i) => ({
      ...p,
      pcn: i < 2 ? 'U1' : null,
      pcn_name: i < 2 ? 'Halesowen PCN' : null,
    }));
    expect(
      pcnsOf([...inPcn, { ...practice('M87009', 'Dudley'), pcn: 'D2P2L', pcn_name: 'PRACTICES IN NO PCN' }]),
    ).toEqual([{ code: 'U1', name: 'Halesowen PCN', practices: ['M87002', 'M88015'] }]);
    const draft = movePractices(newDraft(byLocalAuthority(practices)), ['M87002', 'M88015'], 1);
    expect(draft.places.map((p) => p.practices)).toEqual([[], ['M87001', 'M87002', 'M88015']]);
  });
});
