import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { OperatingModel } from '../../operating-model-endpoints.ts';

/**
 * The model being edited, shared by the editor's question pages. It lives in the page's
 * memory and, so a reload or a slip of the back button loses nothing, in the tab's session
 * storage until it is saved (each tab has its own, so two drafts never mix).
 */
export interface EditorState {
  /** `new`, or the stored model's id. */
  key: string;
  /** The address of the editor's overview; each part's pages are under it. */
  home: string;
  draft: OperatingModel;
  setDraft: (model: OperatingModel) => void;
  /** The version the draft was started from; undefined for a new model. */
  base: number | undefined;
  /** The date the check runs on. */
  on: string;
  setOn: (on: string) => void;
}

const Context = createContext<EditorState | null>(null);

export function useEditor(): EditorState {
  const state = useContext(Context);
  if (!state) throw new Error('an editor page must be inside the editor');
  return state;
}

interface Kept {
  base: number | null;
  model: OperatingModel;
  on: string;
}

const storageKey = (key: string) => `concordat:operating-model-draft:${key}`;

/** The draft kept for `key` in this tab, if it was started from `base` (a newer save makes it stale). */
export function keptDraft(key: string, base?: number): Kept | undefined {
  const text = sessionStorage.getItem(storageKey(key));
  if (!text) return undefined;
  try {
    const kept = JSON.parse(text) as Kept;
    return (kept.base ?? undefined) === base ? kept : undefined;
  } catch {
    // Not what this page wrote (edited by hand, or by an older version): start afresh.
    return undefined;
  }
}

export function keepDraft(key: string, kept: Kept): void {
  sessionStorage.setItem(storageKey(key), JSON.stringify(kept));
}

export function forgetDraft(key: string): void {
  sessionStorage.removeItem(storageKey(key));
}

export function EditorProvider({
  modelKey,
  start,
  base,
  startOn,
  children,
}: {
  modelKey: string;
  start: OperatingModel;
  base: number | undefined;
  startOn: string;
  children: ReactNode;
}) {
  const [draft, setDraft] = useState(start);
  const [on, setOn] = useState(startOn);
  useEffect(() => {
    keepDraft(modelKey, { base: base ?? null, model: draft, on });
  }, [modelKey, base, draft, on]);
  const home = `/ics/${encodeURIComponent(modelKey)}/edit`;
  return (
    <Context.Provider value={{ key: modelKey, home, draft, setDraft, base, on, setOn }}>
      {children}
    </Context.Provider>
  );
}
