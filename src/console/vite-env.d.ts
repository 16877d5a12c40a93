/** Vite's client types (CSS imports, `import.meta.env`) for the console; tsconfig `types` has only node. */
/// <reference types="vite/client" />
