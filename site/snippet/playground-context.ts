/** The Playground of the page being shown, for its Snippet components and the "Run all" button. */
import { createContext } from 'react';
import type { Playground } from './playground.ts';

export const PlaygroundContext = createContext<Playground | null>(null);
