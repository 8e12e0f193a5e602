import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { WorkshopState } from './workshop-store';

export const WorkshopStoreContext = createContext<StoreApi<WorkshopState> | null>(null);

/** Reads the open workshop through a selector; components re-render only when their slice changes. */
export function useWorkshop<T>(selector: (s: WorkshopState) => T): T {
  const store = useContext(WorkshopStoreContext);
  if (!store) throw new Error('useWorkshop outside a workshop');
  return useStore(store, selector);
}

export function useWorkshopStore(): StoreApi<WorkshopState> {
  const store = useContext(WorkshopStoreContext);
  if (!store) throw new Error('useWorkshopStore outside a workshop');
  return store;
}

export const useActions = () => useWorkshop((s) => s.actions);
