// The workshop as Markdown: readable as plain text, pasteable into a wiki or an email.
import type { FrameworkIndex } from '../framework/load';
import type { WorkshopMeta } from '../doc/layout';
import { planHealth } from '../doc/plan-health';
import { planTable, type PlanContent } from './plan-rows';
import { followUpExport, evaluationFrameworkPointer, outcomeText } from './follow-up-rows';

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
      out.push(`**${lens.name}** (${lens.question})`, '', ...list.map((c) => `- ${esc(c.text)}${c.author ? ` (${esc(c.author)})` : ''}`), '');
    }
    if (items.length) out.push('**Interventions**', '', ...items.map((i) => `- ${esc(i.title)} (${esc(i.status)})`), '');
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
