import { formatDate } from '../law/date.ts';
import type { DecileGap } from './decile-gap.ts';
import { settingNames, settings } from './model.ts';
import type { PopulationReport } from './pipeline.ts';
import type { SlopeIndex } from './slope-index.ts';
import type { SafeCount } from './suppress.ts';

/**
 * The population health report as one self-contained HTML page: tables a commissioner can
 * read and inline SVG charts (no scripts, no CDN), with the synthetic-data warning first.
 */

const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Pence as pounds with pence and thousands separators: 123456 → £1,234.56. */
export function formatPence(pence: number | null): string {
  if (pence === null) return 'suppressed';
  const negative = pence < 0;
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${negative ? '−' : ''}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}

const count = (n: SafeCount) =>
  n === null ? '<abbr title="1 to 7, suppressed">*</abbr>' : n.toLocaleString('en-GB');
const figure = (n: number | null, places = 1) =>
  n === null
    ? '<abbr title="suppressed: too few people">*</abbr>'
    : n.toLocaleString('en-GB', { maximumFractionDigits: places, minimumFractionDigits: places });

function siiRows(r: PopulationReport): [string, SlopeIndex, DecileGap, boolean][] {
  const s = r.inequalities.slopeIndex;
  const g = r.inequalities.decileGap;
  return [
    [
      'Emergency admissions per 1,000 (standardised)',
      s.emergencyAdmissionsPer1000Standardised,
      g.emergencyAdmissionsPer1000Standardised,
      false,
    ],
    ['A&amp;E attendances per 1,000', s.aePer1000, g.aePer1000, false],
    ['Cost per head', s.costPerHeadPence, g.costPerHeadPence, true],
    ['% with two or more conditions', s.multimorbidPercent, g.multimorbidPercent, false],
    ['Life expectancy, men (years)', s.lifeExpectancy.M, g.lifeExpectancy.M, false],
    ['Life expectancy, women (years)', s.lifeExpectancy.F, g.lifeExpectancy.F, false],
  ];
}

/** A figure with its 95% interval, or the interval left blank when there is none. */
const withInterval = (value: number | null, lower: number | null, upper: number | null, places = 1) =>
  value === null || lower === null || upper === null
    ? figure(value, places)
    : `${figure(value, places)} (${figure(lower, places)} to ${figure(upper, places)})`;

const ages = (from: number) => (from === 0 ? 'All ages' : `${from} and over`);

function expectedPrevalenceHtml(r: PopulationReport): string {
  return `<h3>Recorded prevalence against expected</h3>
<p>Expected: ${esc(r.expectedPrevalence.standard)}, applied to the people served in each register's age range. A ratio above 1 means more people on the register than England's rate would give; the 95% interval is Byar's. QOF publishes England's prevalence only over each register's whole age range, so an older population shows ratios above 1 for conditions of later life even when diagnosis is no better. No ratio from fewer than 10 people.</p>
${table(
  ['Register', 'Ages', 'On the register', 'Expected', 'Ratio (95% CI)'],
  r.expectedPrevalence.rows.map((e) => [
    esc(e.name),
    ages(e.fromAge),
    count(e.observed),
    figure(e.expected),
    withInterval(e.ratio, e.lower95, e.upper95, 2),
  ]),
)}`;
}

function multimorbidityScoreHtml(r: PopulationReport): string {
  const m = r.multimorbidityScore;
  return `<h3>Cambridge Multimorbidity Score (adults)</h3>
<p>Each condition carries its general-outcome weight (Payne et al., CMAJ 2020); a person's score is the sum. Mean ${figure(m.mean, 2)} over ${count(m.adults)} adults. Partial: the data holds ${m.covered.length} of the score's 20 conditions; ${esc(new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(m.missing.map((c) => c.condition.toLowerCase())))} have no register, so scores here are lower than the full score would give.</p>
${table(
  ['Score', 'Adults', '%'],
  m.bands.map((b) => [esc(b.band), count(b.persons), figure(b.percent)]),
)}`;
}

function ethnicityHtml(r: PopulationReport): string {
  // Reports published before ethnicity was recorded lack it.
  if (!r.ethnicity) return '';
  const groups = r.ethnicity.groups;
  return `<h3>Ethnic groups (Core20PLUS5)</h3>
<p>By the ONS 2021 high-level group of each person's NHS ethnic category; people with none recorded count as not stated or not known. Emergency admissions in the year before ${formatDate(r.on)}, age-standardised to the European Standard Population 2013 with 95% confidence intervals (Dobson), none from fewer than 10 admissions. Core20: living in the most deprived fifth of England's areas (IMD 2019 deciles 1–2).</p>
${table(
  [
    'Ethnic group',
    'People',
    'Emergency admissions per 1,000, age-standardised',
    '95% CI',
    'A&amp;E per 1,000',
    'In Core20',
    '% in Core20',
  ],
  groups.map((g) => [
    esc(g.name),
    count(g.persons),
    figure(g.emergencyPer1000Standardised),
    g.emergencyLower95 === null ? '' : `${figure(g.emergencyLower95)} to ${figure(g.emergencyUpper95)}`,
    figure(g.aePer1000),
    count(g.core20),
    figure(g.core20Percent),
  ]),
)}
<p>Share of each group on each long-term condition register (%), not age-standardised.</p>
${table(
  ['Condition', ...groups.map((g) => esc(g.name))],
  r.ethnicity.registers.map((c) => [esc(c.name), ...c.groups.map((g) => figure(g.percent))]),
)}`;
}

function trendsHtml(r: PopulationReport): string {
  const t = r.trends;
  const covers = (c: typeof t.activityCovers) =>
    c ? `${formatDate(c.from)} to ${formatDate(c.to)}` : 'no records';
  return `<h2>g. Trends by financial year</h2>
<p>Financial years (1 April to 31 March) wholly inside the data: activity from ${covers(t.activityCovers)}, deaths from ${covers(t.deathsCover)}. Rates per person in the population served on 1 October; none from fewer than 10 events.</p>
${table(
  [
    'Year',
    'People (1 October)',
    'Emergency admissions',
    'Per 1,000, age-standardised (95% CI)',
    'A&amp;E attendances',
    'Per 1,000 (95% CI)',
  ],
  t.activity.map((y) => [
    y.year,
    count(y.people),
    count(y.emergencyAdmissions),
    withInterval(y.emergencyPer1000Standardised, y.emergencyLower95, y.emergencyUpper95),
    count(y.aeAttendances),
    withInterval(y.aePer1000, y.aeLower95, y.aeUpper95),
  ]),
)}
${table(
  ['Year', 'Deaths under 75', 'Per 100,000, age-standardised (95% CI)'],
  t.prematureMortality.map((y) => [y.year, count(y.deaths), withInterval(y.per100000, y.lower95, y.upper95)]),
)}`;
}

function table(headers: string[], rows: string[][]): string {
  return `<table><thead><tr>${headers.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

interface Bar {
  label: string;
  value: number | null;
  /** A comparator drawn as a tick (England, or the average). */
  compare?: number | null;
}

/** A horizontal bar chart. */
function barChart(title: string, bars: Bar[], unit: string): string {
  const rowH = 18;
  const labelW = 230;
  const plotW = 360;
  const max = Math.max(1e-9, ...bars.flatMap((b) => [b.value ?? 0, b.compare ?? 0]));
  const h = bars.length * rowH + 30;
  const items = bars
    .map((b, i) => {
      const y = 20 + i * rowH;
      const w = ((b.value ?? 0) / max) * plotW;
      const tick =
        b.compare === undefined || b.compare === null
          ? ''
          : `<line x1="${labelW + (b.compare / max) * plotW}" x2="${labelW + (b.compare / max) * plotW}" y1="${y}" y2="${y + rowH - 4}" stroke="#d5281b" stroke-width="2"/>`;
      return `<text x="${labelW - 6}" y="${y + 12}" text-anchor="end">${esc(b.label)}</text><rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 4}" fill="#005eb8"/>${tick}<text x="${labelW + w + 4}" y="${y + 12}">${b.value === null ? '*' : b.value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}</text>`;
    })
    .join('');
  return `<figure><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelW + plotW + 80} ${h}" width="${labelW + plotW + 80}" height="${h}" font-size="11" font-family="Arial, sans-serif"><text x="0" y="12" font-weight="bold">${esc(title)} (${esc(unit)})</text>${items}</svg></figure>`;
}

/** Age–sex pyramid: men left, women right, England's shape as red ticks. */
function pyramid(report: PopulationReport): string {
  const rows = report.needs.pyramid;
  const bands = [...new Set(rows.map((r) => r.band))];
  const max = Math.max(...rows.flatMap((r) => [r.percent ?? 0, r.englandPercent]));
  const half = 220;
  const rowH = 14;
  const mid = 300;
  const h = bands.length * rowH + 40;
  const parts = bands
    .map((band, i) => {
      const y = 30 + (bands.length - 1 - i) * rowH;
      const side = (sex: 'F' | 'M') => {
        const r = rows.find((x) => x.band === band && x.sex === sex);
        const w = ((r?.percent ?? 0) / max) * half;
        const e = ((r?.englandPercent ?? 0) / max) * half;
        const x = sex === 'M' ? mid - 25 - w : mid + 25;
        const ex = sex === 'M' ? mid - 25 - e : mid + 25 + e;
        return `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 2}" fill="${sex === 'M' ? '#005eb8' : '#41b6e6'}"/><line x1="${ex.toFixed(1)}" x2="${ex.toFixed(1)}" y1="${y}" y2="${y + rowH - 2}" stroke="#d5281b" stroke-width="2"/>`;
      };
      return `${side('M')}${side('F')}<text x="${mid}" y="${y + 10}" text-anchor="middle">${band}</text>`;
    })
    .join('');
  return `<figure><svg role="img" aria-label="Age–sex pyramid" viewBox="0 0 600 ${h}" width="600" height="${h}" font-size="10" font-family="Arial, sans-serif"><text x="${mid - 150}" y="15" text-anchor="middle" font-weight="bold">Men (%)</text><text x="${mid + 150}" y="15" text-anchor="middle" font-weight="bold">Women (%)</text>${parts}</svg><figcaption>Bars: population served. Red ticks: England's registered population, 1 August 2026.</figcaption></figure>`;
}

/** Life expectancy by decile with 95% confidence intervals. */
function lifeExpectancyChart(report: PopulationReport): string {
  const rows = report.inequalities.lifeExpectancy.filter((r) => r.decile !== 'All' && r.lifeExpectancy);
  if (rows.length === 0) return '<p>Too few people in each decile for life expectancy by decile.</p>';
  const values = rows.flatMap((r) => [r.lifeExpectancy?.lower95 ?? 0, r.lifeExpectancy?.upper95 ?? 0]);
  const lo = Math.floor(Math.min(...values)) - 1;
  const hi = Math.ceil(Math.max(...values)) + 1;
  const y = (v: number) => 230 - ((v - lo) / (hi - lo)) * 200;
  const x = (decile: number, sex: string) => 40 + (decile - 1) * 50 + (sex === 'M' ? 12 : 28);
  const marks = rows
    .map((r) => {
      const le = r.lifeExpectancy as NonNullable<typeof r.lifeExpectancy>;
      const cx = x(r.decile as number, r.sex);
      const colour = r.sex === 'M' ? '#005eb8' : '#41b6e6';
      return `<line x1="${cx}" x2="${cx}" y1="${y(le.upper95).toFixed(1)}" y2="${y(le.lower95).toFixed(1)}" stroke="${colour}"/><circle cx="${cx}" cy="${y(le.atBirth).toFixed(1)}" r="3.5" fill="${colour}"/>`;
    })
    .join('');
  const axis = Array.from(
    { length: 10 },
    (_, i) => `<text x="${40 + i * 50 + 20}" y="250" text-anchor="middle">${i + 1}</text>`,
  ).join('');
  const ticks = [lo, Math.round((lo + hi) / 2), hi]
    .map((v) => `<text x="30" y="${y(v) + 4}" text-anchor="end">${v}</text>`)
    .join('');
  return `<figure><svg role="img" aria-label="Life expectancy at birth by IMD decile" viewBox="0 0 560 270" width="560" height="270" font-size="11" font-family="Arial, sans-serif"><text x="40" y="14" font-weight="bold">Life expectancy at birth (years) by IMD decile, 1 = most deprived; dark = men, light = women; lines = 95% CI</text>${ticks}${marks}${axis}</svg></figure>`;
}

export function reportHtml(report: PopulationReport): string {
  const r = report;
  const banner = r.synthetic
    ? `<p class="synthetic"><strong>${esc(r.synthetic)}.</strong> Every figure on this page comes from generated people calibrated to published NHS totals; none describes a real patient.</p>`
    : '';
  const served = r.served;
  const util = (rows: typeof r.needs.utilisationByAge) =>
    table(
      ['Group', 'People', ...settings.map((s) => `${settingNames[s]} per 1,000`), 'Cost per head'],
      rows.map((u) => [
        esc(u.group),
        count(u.persons),
        ...settings.map((s) => figure(u.per1000[s])),
        formatPence(u.costPerHeadPence),
      ]),
    );
  const riskRow = (g: (typeof r.risk.bands)[number]) => [
    esc(g.group),
    count(g.persons),
    figure(g.percentOfPopulation),
    figure(g.admittedPer1000),
    figure(g.emergencyAdmissionsPer1000),
    figure(g.relativeRisk, 2),
    figure(g.percentOfAdmissions),
    formatPence(g.costNextYearPerHeadPence),
  ];
  const riskHeaders = [
    'Group',
    'People',
    '% of population',
    'Admitted next year per 1,000',
    'Emergency admissions per 1,000',
    'Relative risk',
    '% of all admissions',
    'Cost next year per head',
  ];
  const check = r.lifeExpectancyCheck;
  const checkHtml = check
    ? `<h3>Check against published life expectancy (${esc(check.period)})</h3>${table(
        [
          'Sex',
          'Found here',
          'Published, mean of the local authorities',
          'SII found',
          'Published SII, mean of the local authorities',
        ],
        check.comparison.map((c) => [
          c.sex === 'M' ? 'Men' : 'Women',
          figure(c.found, 2),
          figure(c.publishedMeanOfAreas, 2),
          figure(c.foundSii, 2),
          figure(c.publishedSiiMeanOfAreas, 2),
        ]),
      )}<p>Local authorities: ${check.areas.map((a) => esc(a.name)).join(', ')}. Published figures pool three years of registered deaths with ONS mid-year estimates; this report uses the deaths and registrations in the data, so the comparison is a plausibility check, not a reproduction.</p>`
    : '';
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>body{font-family:Arial,sans-serif;max-width:1100px;margin:2em auto;color:#212b32}table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #d8dde0;padding:3px 6px;text-align:right}td:first-child,th:first-child{text-align:left}.synthetic{background:#ffeb3b;padding:1em;border-left:8px solid #d5281b}h2{border-bottom:2px solid #005eb8}</style></head>
<body>${banner}
<h1>${esc(r.title)}</h1>
<p>Population served on ${formatDate(r.on)}; analysed with ${esc(r.engine)}. Counts of 1 to ${r.suppression.suppressUpTo} are shown as * and others rounded to the nearest ${r.suppression.roundTo}; rates for groups that small are withheld.${r.area && r.area.kind !== 'icb' ? ` ${esc(r.area.label)} is part of ${esc(r.area.icbName)}: the smaller the area, the more of its figures are suppressed or withheld, which protects the people in it.` : ''}</p>
<h2>a. The population served</h2>
${table(
  ['', 'People'],
  [
    ['Registered with the integrated practices', count(served.registered)],
    ['Unregistered residents of the area', count(served.unregisteredResidents)],
    ['Total', count(served.total)],
  ],
)}
<p>${served.practices.length} practices.</p>
<h2>b. Needs assessment</h2>
${pyramid(r)}
${barChart(
  'Deprivation mix: % of people by IMD 2019 decile (1 = most deprived); red = England',
  r.needs.deprivation.map((d) => ({
    label: `Decile ${d.decile}`,
    value: d.percent,
    compare: d.englandPercent,
  })),
  '%',
)}
${barChart(
  'Recorded prevalence, % of all ages; red = England (QOF 2020/21)',
  r.needs.prevalence.map((p) => ({ label: p.name, value: p.percent, compare: p.englandPercent })),
  '%',
)}
${expectedPrevalenceHtml(r)}
${table(
  ['Long-term conditions', 'People', '%'],
  r.needs.multimorbidity.map((m) => [m.conditions, count(m.persons), figure(m.percent)]),
)}
${multimorbidityScoreHtml(r)}
<h3>Use of services and cost in the 12 months before the date, by age</h3>
${barChart(
  'Cost per head by age band',
  r.needs.utilisationByAge.map((u) => ({
    label: u.group,
    value: u.costPerHeadPence === null ? null : u.costPerHeadPence / 100,
  })),
  '£',
)}
${util([...r.needs.utilisationByAge, r.needs.total])}
<h3>… and by deprivation</h3>
${util(r.needs.utilisationByDeprivation)}
<h2>c. Risk stratification</h2>
<p>Points: age 65–74 = 1, 75–84 = 2, 85+ = 3; 1 per long-term condition (up to 6); 3 per emergency admission in the last 12 months (up to 3); 1 per A&amp;E attendance (up to 3); 1 for IMD deciles 1–2. Outcomes are the 12 months after the date.</p>
${table(riskHeaders, r.risk.bands.map(riskRow))}
<p>Top ${r.risk.topCohort.percent}% cohort: everyone with ${r.risk.topCohort.minimumPoints} or more points.</p>
<p>Discrimination: area under the ROC curve ${figure(r.risk.discrimination.auc, 3)} (0.5 is chance, 1 is perfect); of the top cohort ${figure(r.risk.discrimination.ppvTopPercent)}% were admitted as an emergency in the following year (positive predictive value), and they were ${figure(r.risk.discrimination.sensitivityTopPercent)}% of everyone admitted (sensitivity).</p>
${table(riskHeaders, [riskRow(r.risk.topCohort.group)])}
<h3>Calibration: observed outcome by score</h3>
${barChart(
  'People with an emergency admission in the next 12 months, per 1,000, by risk points',
  r.risk.calibration.map((c) => ({ label: `${c.points} points`, value: c.admittedPer1000 })),
  'per 1,000',
)}
<h2>d. Segments</h2>
${table(
  [
    'Segment',
    'Rule (first that applies)',
    'People',
    '%',
    'Emergency admissions per 1,000',
    'A&amp;E per 1,000',
    'Cost per head',
    'Average conditions',
  ],
  r.segments.map((s) => [
    esc(s.name),
    esc(s.rule),
    count(s.persons),
    figure(s.percent),
    figure(s.emergencyAdmissionsPer1000),
    figure(s.aePer1000),
    formatPence(s.costPerHeadPence),
    figure(s.averageConditions, 2),
  ]),
)}
<h2>e. Inequalities</h2>
${barChart(
  'Emergency admissions per 1,000 (age-standardised to ESP2013) by IMD decile',
  r.inequalities.byDecile.map((d) => ({
    label: `Decile ${d.decile}`,
    value: d.emergencyAdmissionsPer1000Standardised,
  })),
  'per 1,000',
)}
${table(
  [
    'IMD decile',
    'People',
    'Emergency admissions per 1,000 (crude)',
    '… age-standardised (ESP2013)',
    '95% CI',
    'A&amp;E per 1,000',
    'Cost per head',
    '% with 2+ conditions',
  ],
  r.inequalities.byDecile.map((d) => [
    String(d.decile),
    count(d.persons),
    figure(d.emergencyAdmissionsPer1000),
    figure(d.emergencyAdmissionsPer1000Standardised),
    d.emergencyStandardisedLower95 === null
      ? ''
      : `${figure(d.emergencyStandardisedLower95)} to ${figure(d.emergencyStandardisedUpper95)}`,
    figure(d.aePer1000),
    formatPence(d.costPerHeadPence),
    figure(d.multimorbidPercent),
  ]),
)}
<h3>Slope index of inequality</h3>
<p>The gap between the least and the most deprived ends of the population (least minus most deprived), from a line fitted across every decile with people in it; 95% intervals by simulation. Beside it, the plain gap between decile 1 (most deprived) and decile 10 (least deprived) as published above: decile 10 minus decile 1, the same way round as the slope index, and decile 1 ÷ decile 10.</p>
${table(
  ['Measure', 'Slope index', '95% CI', 'Decile 1', 'Decile 10', 'Gap (10 − 1)', 'Ratio (1 ÷ 10)', 'Note'],
  siiRows(r).map(([what, sii, gap, money]) => {
    const shown = (x: number | null) =>
      money ? formatPence(x === null ? null : Math.round(x)) : figure(x, 2);
    return [
      what,
      shown(sii.value),
      sii.lower95 === null || sii.upper95 === null
        ? ''
        : `${figure(sii.lower95, 2)} to ${figure(sii.upper95, 2)}`,
      shown(gap.mostDeprived),
      shown(gap.leastDeprived),
      shown(gap.absolute),
      figure(gap.relative, 2),
      esc([sii.note, gap.note && `Decile gap: ${gap.note}.`].filter(Boolean).join(' ')),
    ];
  }),
)}
${lifeExpectancyChart(r)}
${table(
  ['IMD decile', 'Sex', `Deaths (${r.inequalities.years} years)`, 'Life expectancy', '95% CI'],
  r.inequalities.lifeExpectancy.map((l) => [
    String(l.decile),
    l.sex === 'M' ? 'Men' : 'Women',
    count(l.deaths),
    l.lifeExpectancy ? figure(l.lifeExpectancy.atBirth, 2) : esc(l.note ?? ''),
    l.lifeExpectancy ? `${figure(l.lifeExpectancy.lower95, 2)}–${figure(l.lifeExpectancy.upper95, 2)}` : '',
  ]),
)}
<h3>Premature mortality (deaths under 75)</h3>
<p>Deaths under 75 per 100,000 a year over ${r.inequalities.years} years, age-standardised to the European Standard Population 2013, with 95% confidence intervals (Dobson). No rate from fewer than 10 deaths.</p>
${table(
  ['IMD decile', 'Deaths under 75', 'Per 100,000 a year', '95% CI'],
  r.inequalities.prematureMortality.map((m) => [
    String(m.decile),
    count(m.deaths),
    figure(m.per100000),
    m.lower95 === null ? '' : `${figure(m.lower95)} to ${figure(m.upper95)}`,
  ]),
)}
${checkHtml}
${ethnicityHtml(r)}
<h2>f. Weighted population</h2>
<p>${count(r.weightedPopulation.persons)} people; needs index (weighted population per person) ${esc(r.weightedPopulation.needsIndex.fixed)}. </p>
${wpapHtml(r.wpapPopulationIndex)}
${trendsHtml(r)}
<footer><p>${esc(r.attribution)}</p></footer>
</body></html>
`;
}

function wpapHtml(w: PopulationReport['wpapPopulationIndex']): string {
  if (!w) return '<p>No WPAP population index: nobody was served a year before the date.</p>';
  return `<p>WPAP population index for ${esc(w.appliesTo)} (weighted population on ${formatDate(w.on)} ÷ on ${formatDate(w.baselineOn)}): <strong>${esc(w.arrangementEntry.index)}</strong> (exactly ${esc(w.exact.numerator)}/${esc(w.exact.denominator)}). In the arrangement file: <code>payment.population_index: [{ year: '${esc(w.arrangementEntry.year)}', index: '${esc(w.arrangementEntry.index)}' }]</code>.</p>`;
}
