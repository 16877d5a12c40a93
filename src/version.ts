/** The package version, printed by `kmsw --version` and `GET /_kmsw/health` (a test keeps it equal to package.json's). */
export const VERSION = '0.1.0';
