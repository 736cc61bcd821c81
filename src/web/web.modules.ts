import type { ReactNode } from 'react';

/** A screen a module adds to the console: its path, its menu entry, and the ability that shows it. */
export interface ConsoleScreen {
  path: string;
  /** The menu label; a screen without one is reached from another (a case page from its list). */
  menu?: string;
  /** `<module>.<ability>` as the server reports it for the signed-in user (GET /api/staff/me). */
  ability: string;
  element: ReactNode;
}

/**
 * Each module's screens, found in its `web/index.tsx` at build time: adding a
 * module to the console needs no line here (docs/adr/0007-modules.md).
 */
const found = import.meta.glob<{ screens: ConsoleScreen[] }>('../modules/*/web/index.tsx', { eager: true });
export const moduleScreens: ConsoleScreen[] = Object.keys(found)
  .sort()
  .flatMap((path) => found[path]!.screens);
