// The workshop as Markdown: readable as plain text, pasteable into a wiki or an email.
import type { FrameworkIndex } from '../framework/load';
import type { WorkshopMeta, CardView, PlanItemView } from '../doc/layout';
import { planHealth } from '../doc/plan-health';
import { planTable, type PlanContent } from './plan-rows';
import { followUpExport, evaluationFrameworkPointer, outcomeText } from './follow-up-rows';
import { tableSections, tableLabel, lensName } from './table-sections';

/**
 * Text a person typed, as Markdown that shows exactly that text: no HTML (a "<script>" in a title
 * must not run in a viewer that renders raw HTML), no links, images, emphasis or headings made
 * by the text itself, and nothing that breaks out of a table cell or a list item. A link needs
 * no brackets in viewers that turn bare addresses into links (GitHub's "www." and "https://",
 * e-mail addresses, and some that take any "scheme:"), so the punctuation that makes an
 * address one is escaped too: it reads the same, and never becomes a live link, least of all
 * to javascript:, data: or vbscript:.
 */
const esc = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/[`*_[\]|]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/\r?\n|\r/g, ' ')
    .replace(/^(\s*)([#>+=-]|\d+[.)])/, '$1\\$2')
    .replace(/\b([a-z][a-z0-9+.-]*):/gi, (whole: string, scheme: string) => (LINKABLE_SCHEME.test(scheme) ? `${scheme}\\:` : whole))
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/(\S)@(?=[\w-]+\.)/g, '$1\\@');

/** Schemes a viewer might turn into a link: the ones that run code or carry content, and the usual web ones. */
const LINKABLE_SCHEME = /^(javascript|vbscript|data|file|https?|ftp|mailto|tel|sms|xmpp|irc)$/i;

export function workshopMarkdown(fw: FrameworkIndex, meta: WorkshopMeta, content: PlanContent, today?: string): string {
  const academy = fw.framework.academies.find((a) => a.id === meta.academyId);
  const cardLine = (c: CardView) => `${esc(c.text)}${c.author ? ` (${esc(c.author)})` : ''}`;
  const itemLine = (i: PlanItemView) => `${esc(i.title)} (${esc(i.status)})`;
  /** " · Table Bassetlaw" after an entry a table wrote; nothing for the room's own. */
  const at = (e: CardView | PlanItemView) => {
    const label = tableLabel(e, content.tables);
    return label ? ` · ${esc(label)}` : '';
  };
  const out: string[] = [`# ${esc(meta.title)}`, ''];
  if (meta.footprint) out.push(`**Footprint:** ${esc(meta.footprint)}  `);
  // Dates and statuses too: anything read from the doc was written by a participant's client.
  if (meta.date) out.push(`**Date:** ${esc(meta.date)}  `);
  if (academy) out.push(`**Facilitating academy:** ${academy.name} (${academy.phones.join(' / ')}, ${academy.email}, ${academy.web})  `);
  out.push('');

  for (const d of fw.framework.domains) {
    out.push(`## ${d.name}`, '');
    const cards = content.cards.filter((c) => c.domainId === d.id);
    const items = content.items.filter((i) => i.domainId === d.id);
    if (!cards.length && !items.length) out.push('_Nothing on the board in this domain._', '');
    for (const lens of fw.framework.lenses) {
      const list = cards.filter((c) => c.kind === lens.id);
      if (!list.length) continue;
      out.push(`**${lens.name}** (${lens.question})`, '', ...list.map((c) => `- ${cardLine(c)}${at(c)}`), '');
    }
    if (items.length) out.push('**Interventions**', '', ...items.map((i) => `- ${itemLine(i)}${at(i)}`), '');
  }

  // The report-back: what each table wrote and proposed, and what it brought into the room.
  const sections = tableSections(fw, content);
  if (sections.length) out.push('## Tables', '');
  for (const s of sections) {
    out.push(`### Table ${esc(s.table.name)}`, '');
    if (s.table.brief) out.push(`**Brief:** ${esc(s.table.brief)}`, '');
    const { cards, items } = s.brought;
    if (!s.domains.length && !cards.length && !items.length) out.push('_Nothing at this table yet._', '');
    for (const d of s.domains)
      out.push(
        `#### ${d.domain.name}`,
        '',
        ...d.cards.map((c) => `- ${esc(lensName(fw, c))}: ${cardLine(c)}`),
        ...d.items.map((i) => `- Proposed intervention: ${itemLine(i)}`),
        '',
      );
    if (cards.length || items.length)
      out.push(
        "**Brought into the room's plan**",
        '',
        ...items.map((i) => `- Intervention: ${itemLine(i)}`),
        ...cards.map((c) => `- ${esc(lensName(fw, c))}: ${cardLine(c)}`),
        '',
      );
  }

  const rows = planTable(fw, content);
  out.push('## Plan', '');
  if (!rows.length) out.push('_No interventions planned yet._', '');
  else {
    const cols = ['Intervention', 'Domain', 'Status', 'Owner', 'Delivery route', 'Partner', 'Start', 'End', 'Cost', 'Funding source', 'Criteria met', 'Votes'];
    out.push(`| ${cols.join(' | ')} |`, `| ${cols.map(() => '---').join(' | ')} |`);
    for (const r of rows) out.push(`| ${cols.map((c) => esc(r.cells[c] ?? '')).join(' | ')} |`);
    out.push('');
    for (const r of rows) {
      out.push(`### ${esc(r.item.title)}`, '');
      for (const [k, v] of Object.entries(r.cells)) if (v && k !== 'Intervention') out.push(`- **${k}:** ${esc(v)}`);
      out.push('');
    }
  }

  const health = planHealth(fw, content.cards, content.items, content.links);
  out.push('## Plan health', '');
  out.push(`- Interventions per domain: ${health.perDomain.map((d) => `${d.name} ${d.interventions}`).join(', ')}`);
  if (health.domainsWithout.length) out.push(`- No intervention yet in: ${health.domainsWithout.join(', ')}`);
  for (const f of health.failing)
    out.push(`- ${esc(f.item.title)} does not meet: ${f.failures.map((x) => `${x.criterion.short} (${esc(x.reason)})`).join('; ')}`);
  out.push(`- Organisations taking part: ${health.organisations.map((o) => `${esc(o.name)} (${esc(o.type)})`).join(', ') || 'none yet'}`);
  out.push(`- Cards no intervention addresses yet: ${health.unaddressedCards.length}`);
  out.push('');

  const followUp = followUpExport(fw, content, today);
  if (followUp.items.length) {
    out.push('## Follow-up', '', `_${evaluationFrameworkPointer(fw)}_`, '');
    for (const f of followUp.items) {
      out.push(`### ${esc(f.item.title)} (${esc(f.item.status)})`, '');
      if (f.item.learned.trim()) out.push(`**What was learned:** ${esc(f.item.learned)}`, '');
      for (const m of f.measures) {
        const target = [m.measure.baseline && `baseline ${m.measure.baseline}`, m.measure.target && `target ${m.measure.target}`].filter(Boolean).join(', ');
        out.push(
          `**${esc(m.measure.what)}**${target ? ` (${esc(target)})` : ''}${m.measure.how ? `, measured by ${esc(m.measure.how)}` : ''}${m.measure.reviewDate ? `; review ${esc(m.measure.reviewDate)}` : ''}`,
          '',
        );
        if (!m.outcomes.length) out.push('_No outcomes recorded yet._', '');
        else {
          out.push('| Date | Outcome | Evidence | Recorded by |', '| --- | --- | --- | --- |');
          for (const o of m.outcomes) out.push(`| ${esc(o.date)} | ${esc(outcomeText(o))} | ${esc(o.note)} | ${esc(o.recordedBy)} |`);
          out.push('');
        }
      }
    }
  }
  return out.join('\n');
}
