// Builds React Flow nodes and edges from the workshop snapshot plus local view state. Each
// node object is reused until something it shows changes, so React Flow re-renders only the
// nodes that really changed (the xyflow multiplayer pattern).
import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MarkerType } from '@xyflow/react';
import { frameworkIndex } from '../../../shared/framework';
import { domainRegion } from '../../../shared/doc/board-geometry';
import { isOutsideHomeDomain } from '../../../shared/doc/views';
import type { Position } from '../../../shared/doc/layout';
import { useWorkshop } from '../store/context';
import type { BoardNode, BoardEdge, DomainNode, CardNode, ItemNode } from './node-types';

type Measured = { width: number; height: number };

function useIdentityCache<T>() {
  const cache = useRef(new Map<string, { deps: readonly unknown[]; value: T }>());
  return (id: string, deps: readonly unknown[], make: () => T): T => {
    const hit = cache.current.get(id);
    if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) return hit.value;
    const value = make();
    cache.current.set(id, { deps, value });
    return value;
  };
}

export function useBoardElements(localDrag: ReadonlyMap<string, Position>, measured: ReadonlyMap<string, Measured>) {
  const { cards, items, links } = useWorkshop(useShallow((s) => ({ cards: s.snapshot.cards, items: s.snapshot.items, links: s.snapshot.links })));
  const selection = useWorkshop((s) => s.selection);
  const targetDomainId = useWorkshop((s) => s.targetDomainId);
  const participants = useWorkshop((s) => s.participants);
  const remoteDrags = useWorkshop((s) => s.remoteDrags);
  const canEdit = useWorkshop((s) => s.status.role !== 'viewer');
  const nodeCache = useIdentityCache<BoardNode>();
  const edgeCache = useIdentityCache<BoardEdge>();

  const watchersById = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const p of participants) {
      if (p.isSelf) continue;
      for (const id of p.selection ?? []) m.set(id, [...(m.get(id) ?? []), p.user.colour]);
    }
    return m;
  }, [participants]);

  const linkCount = useMemo(() => {
    const m = new Map<string, number>();
    for (const l of links.values()) {
      m.set(l.from, (m.get(l.from) ?? 0) + 1);
      m.set(l.to, (m.get(l.to) ?? 0) + 1);
    }
    return m;
  }, [links]);

  const nodes = useMemo(() => {
    const selected = new Set(selection);
    const out: BoardNode[] = [];
    const counts = new Map<string, { cards: number; items: number }>();
    for (const c of cards.values()) counts.set(c.domainId, { cards: (counts.get(c.domainId)?.cards ?? 0) + 1, items: counts.get(c.domainId)?.items ?? 0 });
    for (const i of items.values()) counts.set(i.domainId, { cards: counts.get(i.domainId)?.cards ?? 0, items: (counts.get(i.domainId)?.items ?? 0) + 1 });

    frameworkIndex.framework.domains.forEach((domain, index) => {
      const r = domainRegion(index);
      const c = counts.get(domain.id) ?? { cards: 0, items: 0 };
      const targeted = targetDomainId === domain.id;
      out.push(
        nodeCache(`domain:${domain.id}`, [c.cards, c.items, targeted], (): DomainNode => ({
          id: `domain:${domain.id}`,
          type: 'domain',
          position: { x: r.x, y: r.y },
          data: { domain, index, cards: c.cards, items: c.items, targeted },
          width: r.width,
          height: r.height,
          draggable: false,
          selectable: false,
          deletable: false,
          focusable: false,
          connectable: false,
          zIndex: -1,
          ariaRole: 'region',
          ariaLabel: domain.name,
          className: 'domain-node',
        })),
      );
    });

    const nameOf = (id: string) => frameworkIndex.domainById.get(id)?.name ?? 'No domain';
    for (const card of cards.values()) {
      const drag = localDrag.get(card.id) ?? remoteDrags.get(card.id);
      const m = measured.get(card.id);
      const sel = selected.has(card.id);
      const watchers = watchersById.get(card.id) ?? [];
      const linked = linkCount.get(card.id) ?? 0;
      out.push(
        nodeCache(card.id, [card, drag, m, sel, watchers.join(), linked, canEdit], (): CardNode => ({
          id: card.id,
          type: 'card',
          position: drag ? { x: drag.x, y: drag.y } : card.position,
          data: { card, domainName: nameOf(card.domainId), watchers, linked },
          selected: sel,
          measured: m,
          draggable: canEdit,
          deletable: canEdit,
          connectable: canEdit,
          ariaLabel: card.text || 'Empty card',
          domAttributes: { 'aria-description': `${card.kind} card in ${nameOf(card.domainId)}` } as Record<string, string>,
        })),
      );
    }
    for (const item of items.values()) {
      const drag = localDrag.get(item.id) ?? remoteDrags.get(item.id);
      const m = measured.get(item.id);
      const sel = selected.has(item.id);
      const watchers = watchersById.get(item.id) ?? [];
      const outside = isOutsideHomeDomain(frameworkIndex, item);
      out.push(
        nodeCache(item.id, [item, drag, m, sel, watchers.join(), canEdit], (): ItemNode => ({
          id: item.id,
          type: 'item',
          position: drag ? { x: drag.x, y: drag.y } : item.position,
          data: {
            item,
            domainName: nameOf(item.domainId),
            homeDomainName: outside && item.interventionId ? (frameworkIndex.interventionById.get(item.interventionId)?.domain.name ?? null) : null,
            watchers,
          },
          selected: sel,
          measured: m,
          draggable: canEdit,
          deletable: canEdit,
          connectable: canEdit,
          ariaLabel: item.title,
          domAttributes: { 'aria-description': `intervention in ${nameOf(item.domainId)}, ${item.status}` } as Record<string, string>,
        })),
      );
    }
    return out;
    // nodeCache is stable in behaviour (a ref-backed memo); listing it would only add noise.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cards, items, selection, targetDomainId, localDrag, remoteDrags, measured, watchersById, linkCount, canEdit]);

  const edges = useMemo(() => {
    const out: BoardEdge[] = [];
    for (const l of links.values()) {
      if (!(cards.has(l.from) || items.has(l.from)) || !(cards.has(l.to) || items.has(l.to))) continue;
      out.push(
        edgeCache(l.id, [l, canEdit], () => ({
          id: l.id,
          source: l.from,
          target: l.to,
          deletable: canEdit,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
          className: 'link-edge',
          ariaLabel: `Link between ${cards.get(l.from)?.text ?? items.get(l.from)?.title ?? ''} and ${cards.get(l.to)?.text ?? items.get(l.to)?.title ?? ''}`,
        })),
      );
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [links, cards, items, canEdit]);

  return { nodes, edges };
}
