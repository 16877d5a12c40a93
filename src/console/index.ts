/**
 * `kmsw/console`: the kmsw console as a React component, to mount in an app under development next to its own
 * msw setup — `<KmswConsole admin={(await startKmsWorker()).emulator.admin} dock />`.
 */
export { KmswConsole, type KmswConsoleProps } from './KmswConsole.tsx';
