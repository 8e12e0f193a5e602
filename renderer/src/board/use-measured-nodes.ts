// The sizes React Flow measures for the board's nodes, kept for laying them out (the domains
// grow to hold what is in them) and for placing a dropped card by its centre. A size that did
// not change keeps the map as it was, so nothing re-renders for it.
import { useCallback, useState } from 'react';
import type { NodeChange } from '@xyflow/react';

export type NodeSizes = ReadonlyMap<string, { width: number; height: number }>;

export function useMeasuredNodes(): { measured: NodeSizes; noteSizes: (changes: readonly NodeChange[]) => void } {
  const [measured, setMeasured] = useState<NodeSizes>(new Map());
  const noteSizes = useCallback((changes: readonly NodeChange[]) => {
    const dims = changes.flatMap((c) => (c.type === 'dimensions' && c.dimensions ? [{ id: c.id, ...c.dimensions }] : []));
    if (dims.length === 0) return;
    setMeasured((prev) => {
      let next: Map<string, { width: number; height: number }> | null = null;
      for (const d of dims) {
        const old = prev.get(d.id);
        if (old && old.width === d.width && old.height === d.height) continue;
        next ??= new Map(prev);
        next.set(d.id, { width: d.width, height: d.height });
      }
      return next ?? prev;
    });
  }, []);
  return { measured, noteSizes };
}
