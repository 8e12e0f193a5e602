import type { Node, Edge } from '@xyflow/react';
import type { Domain } from '../../../shared/framework/schema';
import type { CardView, PlanItemView, Position } from '../../../shared/doc/layout';

/** `offset`: how far this domain's entries are shown from where they are stored (see shown-layout.ts) */
export type DomainNodeData = { domain: Domain; index: number; cards: number; items: number; targeted: boolean; offset: Position };
/** someone else typing in a card right now, shown on it in their colour */
export type Typist = { name: string; colour: string };
export type CardNodeData = {
  card: CardView;
  domainName: string;
  watchers: readonly string[];
  typist: Typist | null;
  linked: number;
  canEdit: boolean;
  editing: boolean;
};
export type ItemNodeData = { item: PlanItemView; domainName: string; homeDomainName: string | null; watchers: readonly string[]; linked: number };

export type DomainNode = Node<DomainNodeData, 'domain'>;
export type CardNode = Node<CardNodeData, 'card'>;
export type ItemNode = Node<ItemNodeData, 'item'>;
export type BoardNode = DomainNode | CardNode | ItemNode;
export type BoardEdge = Edge;

export const INTERVENTION_DRAG_TYPE = 'application/x-slc-intervention';
