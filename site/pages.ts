/**
 * Every page of the kmsw site, in reading order: its slug (`''` is the home page at the base, anything else is served
 * at `<base>docs/<slug>/`), its title, its navigation section and a one-line summary. The Vite pages plugin
 * (site/vite-plugin-pages.ts) writes one real HTML file per entry, so a deep link works on any static host; the
 * docs shell (site/main.tsx) renders the page's MDX from `site/pages/<slug or index>.mdx` and, under every page,
 * what to read next.
 */
export interface SitePage {
  slug: string;
  title: string;
  section: 'Start' | 'Getting started' | 'Operations' | 'Emulator';
  summary: string;
}

export const PAGES: readonly SitePage[] = [
  { slug: '', title: 'kmsw', section: 'Start', summary: 'AWS KMS in the browser, in Node and over HTTP.' },
  {
    slug: 'browser',
    title: 'In the browser',
    section: 'Getting started',
    summary: 'startKmsWorker or installKmsFetch: your page calls KMS, kmsw answers.',
  },
  {
    slug: 'msw',
    title: 'In an app that runs MSW',
    section: 'Getting started',
    summary: 'Add kmsHandlers() next to your own handlers.',
  },
  {
    slug: 'vitest',
    title: 'In Vitest or Jest',
    section: 'Getting started',
    summary: 'msw/node or the in-process request handler.',
  },
  {
    slug: 'playwright',
    title: 'In Playwright',
    section: 'Getting started',
    summary: 'Drive the emulator and its state from browser tests.',
  },
  {
    slug: 'cli',
    title: 'AWS CLI, boto3, Terraform',
    section: 'Getting started',
    summary: 'kmsw serve: a local KMS endpoint for any SDK.',
  },
  {
    slug: 'keys',
    title: 'Keys',
    section: 'Operations',
    summary: 'Create, describe, list, enable, disable, delete.',
  },
  { slug: 'aliases', title: 'Aliases', section: 'Operations', summary: 'Friendly names that point at keys.' },
  { slug: 'tags', title: 'Tags', section: 'Operations', summary: 'Key/value labels on keys.' },
  { slug: 'key-policies', title: 'Key policies', section: 'Operations', summary: 'Who may use a key.' },
  { slug: 'grants', title: 'Grants', section: 'Operations', summary: 'Temporary, narrow permissions.' },
  {
    slug: 'encryption',
    title: 'Encryption',
    section: 'Operations',
    summary: 'Encrypt, Decrypt, ReEncrypt and encryption context.',
  },
  { slug: 'data-keys', title: 'Data keys', section: 'Operations', summary: 'Envelope encryption.' },
  {
    slug: 'data-key-pairs',
    title: 'Data key pairs',
    section: 'Operations',
    summary: 'Asymmetric key pairs to use outside KMS.',
  },
  { slug: 'signing', title: 'Signing', section: 'Operations', summary: 'Sign, Verify and GetPublicKey.' },
  {
    slug: 'macs',
    title: 'MACs',
    section: 'Operations',
    summary: 'GenerateMac and VerifyMac with HMAC keys.',
  },
  {
    slug: 'key-agreement',
    title: 'Key agreement',
    section: 'Operations',
    summary: 'DeriveSharedSecret (ECDH).',
  },
  { slug: 'kem', title: 'KEM', section: 'Operations', summary: 'ML-KEM Encapsulate and Decapsulate.' },
  {
    slug: 'import',
    title: 'Importing key material',
    section: 'Operations',
    summary: 'Bring your own key material.',
  },
  {
    slug: 'rotation',
    title: 'Rotation',
    section: 'Operations',
    summary: 'Automatic and on-demand rotation.',
  },
  {
    slug: 'multi-region',
    title: 'Multi-Region keys',
    section: 'Operations',
    summary: 'Replicas that share key material.',
  },
  {
    slug: 'custom-key-stores',
    title: 'Custom key stores',
    section: 'Operations',
    summary: 'CloudHSM and external key stores.',
  },
  { slug: 'random', title: 'Random', section: 'Operations', summary: 'GenerateRandom.' },
  {
    slug: 'seeding',
    title: 'Seeding, export and the clock',
    section: 'Emulator',
    summary: 'Start with known keys, save state, move time.',
  },
  {
    slug: 'access-control',
    title: 'Access control',
    section: 'Emulator',
    summary: 'Identities, key and IAM policies, grants and SigV4, as AWS enforces them.',
  },
  {
    slug: 'fidelity',
    title: 'Fidelity',
    section: 'Emulator',
    summary: 'Every known difference from AWS KMS.',
  },
];

/** The page's path below the base: `''` for the home page, `docs/<slug>/` otherwise. */
export function pagePath(page: Pick<SitePage, 'slug'>): string {
  return page.slug === '' ? '' : `docs/${page.slug}/`;
}
