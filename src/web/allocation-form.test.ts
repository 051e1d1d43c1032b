import { describe, expect, it } from 'vitest';
import {
  type AllocationDraft,
  addPlace,
  allocationRequest,
  byLocalAuthority,
  draftErrors,
  draftFromGrouping,
  groupingPot,
  type IcbPractice,
  inputFor,
  movePractice,
  movePractices,
  newDraft,
  pcnsOf,
  placePopulation,
  potEntered,
  removePlace,
  type SavedGrouping,
} from './allocation-form.ts';

const practice = (code: string, la: string): IcbPractice => ({
  code,
  name: `Practice ${code}`,
  local_authority: 'E08000000',
  local_authority_name: la,
  population: '1000.00',
  pcn: null,
  pcn_name: null,
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
      components: draft.components.map((c) => ({
        ...c,
        amount: '£100.00',
        ringFences: ['£5.00', ''],
        floors: ['', '£7.00'],
      })),
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

  it('starts with the pot still to enter: no problem, need indices only, nothing to save', () => {
    const draft = newDraft(byLocalAuthority(practices));
    expect(draft.components.map((c) => c.amount)).toEqual(['']);
    expect(potEntered(draft)).toBe(false);
    expect(draftErrors(draft)).toEqual([]);
    const typed = {
      ...draft,
      components: draft.components.map((c) => ({ ...c, floors: ['£7.00', ''] })),
      pace: { ...draft.pace, on: true, current: ['£1.00', '£2.00'] },
    };
    const request = allocationRequest('QUA', '2025/26', typed);
    expect(request.pot).toEqual([
      {
        id: 'component-1',
        name: 'Core services',
        amount: '£0.00',
        basis: 'core-overall',
        ring_fences: [],
        floors: [],
      },
    ]);
    expect(request.pace).toBeUndefined();
    expect(groupingPot(typed)).toBeNull();
    // A pot partly entered names the amounts still missing.
    const partly: AllocationDraft = {
      ...draft,
      components: [
        { ...(draft.components[0] as (typeof draft.components)[number]), amount: '£1.00' },
        {
          name: 'Mental health',
          amount: ' ',
          basis: 'mental-health',
          ringFences: ['', ''],
          floors: ['', ''],
        },
      ],
    };
    expect(draftErrors(partly)).toEqual([
      { field: 'component-1-amount', message: 'Enter the amount of Mental health' },
    ]);
  });

  it('saves the pot by place name and opens it again as it was', () => {
    let draft = newDraft(byLocalAuthority(practices));
    draft = {
      ...draft,
      components: [
        {
          name: 'Core services',
          amount: '£2,500.00',
          basis: 'core-overall',
          ringFences: ['', '£5.00'],
          floors: ['£7.00', ''],
        },
      ],
      pace: { on: true, percent: '25', current: ['£1.00', '£2.00'] },
      method: 'nhse-tool',
    };
    const pot = groupingPot(draft);
    expect(pot).toEqual({
      components: [
        {
          name: 'Core services',
          amount: '£2,500.00',
          basis: 'core-overall',
          ring_fences: [{ place: 'Dudley', amount: '£5.00' }],
          floors: [{ place: 'Birmingham', minimum: '£7.00' }],
        },
      ],
      pace: {
        rate: '25%',
        current: [
          { place: 'Birmingham', amount: '£1.00' },
          { place: 'Dudley', amount: '£2.00' },
        ],
      },
      method: 'nhse-tool',
    });
    // As the API gives it back: amounts in pence and pounds; places in another order.
    const money = (pounds: string) => ({ pence: Number(pounds.replace(/[£,.]/g, '')), pounds });
    const saved = {
      id: 'grouping-1',
      places: [...draft.places].reverse(),
      pot: {
        components: pot?.components.map((c) => ({
          ...c,
          amount: money(c.amount),
          ring_fences: (c.ring_fences ?? []).map((r) => ({ place: r.place, amount: money(r.amount) })),
          floors: (c.floors ?? []).map((f) => ({ place: f.place, minimum: money(f.minimum) })),
        })),
        pace: {
          rate: '25%',
          current: pot?.pace?.current.map((c) => ({ place: c.place, amount: money(c.amount) })),
        },
        method: 'nhse-tool',
      },
    } as unknown as SavedGrouping;
    const opened = draftFromGrouping(saved, newDraft(byLocalAuthority(practices)));
    expect(opened.places.map((p) => p.name)).toEqual(['Dudley', 'Birmingham']);
    expect(opened.components).toEqual([
      {
        name: 'Core services',
        amount: '£2,500.00',
        basis: 'core-overall',
        ringFences: ['£5.00', ''],
        floors: ['', '£7.00'],
      },
    ]);
    expect(opened.pace).toEqual({ on: true, percent: '25%', current: ['£2.00', '£1.00'] });
    expect(opened.method).toBe('nhse-tool');
    // A grouping saved without a pot keeps the pot in hand, less what belonged to the old places.
    const kept = draftFromGrouping({ ...saved, pot: null }, opened);
    expect(kept.components).toEqual([{ ...opened.components[0], ringFences: ['', ''], floors: ['', ''] }]);
    expect(kept.pace.on).toBe(false);
  });

  it('maps problems with a saved pot back to the inputs', () => {
    const draft = newDraft(byLocalAuthority(practices));
    expect(inputFor('body/pot/components/0/amount', draft)).toBe('component-0-amount');
    expect(inputFor('body/pot/components/0/name', draft)).toBe('component-0-name');
    expect(inputFor('body/pot/components/0/floors/1/minimum', draft)).toBe('component-0-amount');
    expect(inputFor('body/pot/pace/current/1/amount', draft)).toBe('current-1');
    expect(inputFor('body/pot/pace/current', draft)).toBe('current-0');
    expect(inputFor('body/pot/pace/rate', draft)).toBe('pace');
  });

  it('adds practice populations exactly and rounds the place once, half up', () => {
    const byCode = new Map(
      [
        { ...practice('M1', 'A'), population: '0.25' },
        { ...practice('M2', 'A'), population: '100.25' },
        { ...practice('M3', 'A'), population: '7' },
      ].map((p) => [p.code, p]),
    );
    expect(placePopulation(['M1', 'M2'], byCode)).toBe(101);
    expect(placePopulation(['M1', 'M3'], byCode)).toBe(7);
    expect(placePopulation(['M2'], byCode)).toBe(100);
    expect(placePopulation(['M1', 'M2', 'M3', 'unknown'], byCode)).toBe(108);
  });
});
