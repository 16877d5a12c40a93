/**
 * remark plugin for the docs: a fenced code block whose info string names a snippet id,
 *
 *     ```js snippet=create-key
 *     ```js snippet=wrong-usage expect=error
 *
 * becomes `<Snippet id="create-key" code="…" expect="error" />`, the runnable, editable snippet of the page
 * (site/snippet/Snippet.tsx). Every other code block stays static and is highlighted at build time (Shiki).
 * https://mdxjs.com/docs/extending-mdx/#using-plugins
 */

interface MdastNode {
  type: string;
  lang?: string | null;
  meta?: string | null;
  value?: string;
  children?: MdastNode[];
  [key: string]: unknown;
}

/** `snippet=create-key expect=error` → { snippet: 'create-key', expect: 'error' }. */
function parseMeta(meta: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of meta.trim().split(/\s+/)) {
    const [name, ...rest] = part.split('=');
    if (name) fields[name] = rest.join('=');
  }
  return fields;
}

function toSnippet(node: MdastNode, seen: Set<string>): MdastNode | null {
  if (node.type !== 'code' || !node.meta) return null;
  const meta = parseMeta(node.meta);
  const id = meta.snippet;
  if (!id) return null;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    throw new Error(`snippet id "${id}": use lower-case letters, digits, -`);
  if (seen.has(id)) throw new Error(`snippet id "${id}" appears twice on one page`);
  if (meta.expect !== undefined && meta.expect !== 'error') {
    throw new Error(`snippet "${id}": expect= only takes "error"`);
  }
  seen.add(id);
  const attribute = (name: string, value: string) => ({ type: 'mdxJsxAttribute', name, value });
  return {
    type: 'mdxJsxFlowElement',
    name: 'Snippet',
    attributes: [
      attribute('id', id),
      attribute('code', node.value ?? ''),
      ...(meta.expect ? [attribute('expect', meta.expect)] : []),
    ],
    children: [],
  };
}

function walk(node: MdastNode, seen: Set<string>): void {
  if (!node.children) return;
  node.children = node.children.map((child) => {
    const replaced = toSnippet(child, seen);
    if (replaced) return replaced;
    walk(child, seen);
    return child;
  });
}

export function remarkSnippets() {
  return (tree: MdastNode) => walk(tree, new Set());
}
