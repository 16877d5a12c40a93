/**
 * Light and dark themes for the site and the console. By default the page follows the system's
 * `prefers-color-scheme`; the toggle stores an override (`kmsw-theme` in localStorage, shared by the docs and the
 * console) and sets `<html data-theme="light|dark">`, which the stylesheets turn into `color-scheme`.
 * https://developer.mozilla.org/docs/Web/CSS/@media/prefers-color-scheme
 */
import { useEffect, useState } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'kmsw-theme';

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

/** The stored choice, applied to the document, and a setter that stores it. */
export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(stored);
  useEffect(() => {
    applyTheme(choice);
    try {
      if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // storage refused (private mode): the choice lasts for this page only
    }
  }, [choice]);
  return [choice, setChoice];
}
