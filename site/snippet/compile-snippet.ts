/**
 * Turns the code of one docs snippet — plain ES module code that imports from `@aws-sdk/client-kms`, as a user
 * would paste it into an app — into the body of an async function the page can run:
 * - `import { KMSClient, CreateKeyCommand as Create } from '@aws-sdk/client-kms'` becomes
 *   `const { KMSClient, CreateKeyCommand: Create } = __sdk;` (any other module is refused with a clear message);
 * - names declared at the top level (const/let/var, functions, classes, imports) are handed to the page's shared
 *   scope when the snippet finishes (`__export`), and names earlier snippets declared are in scope here, so snippets
 *   on one page build on each other (a key created above is used below);
 * - a last top-level expression becomes the snippet's value (`__result`), shown when it logged nothing.
 * Parsing is acorn's (ES2025 modules, top-level await). https://github.com/acornjs/acorn
 */
import { parse, type Node, type Pattern, type Program, type Statement } from 'acorn';

export const SDK_MODULE = '@aws-sdk/client-kms';

export class SnippetSyntaxError extends Error {
  override name = 'SyntaxError';
}

export interface CompiledSnippet {
  /** Body of `async function (__sdk, __scope, __export, console)`. */
  body: string;
  /** Names this snippet declares at its top level. */
  declared: string[];
}

function patternNames(pattern: Pattern, into: string[]): void {
  switch (pattern.type) {
    case 'Identifier':
      into.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        patternNames(property.type === 'RestElement' ? property.argument : property.value, into);
      }
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) patternNames(element, into);
      break;
    case 'RestElement':
      patternNames(pattern.argument, into);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, into);
      break;
    case 'MemberExpression':
      break;
  }
}

function declaredNames(statement: Statement | Node): string[] {
  const names: string[] = [];
  if (statement.type === 'VariableDeclaration') {
    for (const declaration of (statement as import('acorn').VariableDeclaration).declarations) {
      patternNames(declaration.id, names);
    }
  } else if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') {
    const id = (statement as import('acorn').FunctionDeclaration).id;
    if (id) names.push(id.name);
  }
  return names;
}

function parseModule(code: string): Program {
  try {
    return parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  } catch (error) {
    throw new SnippetSyntaxError((error as Error).message);
  }
}

/** `inScope`: names earlier snippets on the page declared (they are read from `__scope`). */
export function compileSnippet(code: string, inScope: readonly string[]): CompiledSnippet {
  const program = parseModule(code);
  const declared: string[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  program.body.forEach((statement, index) => {
    if (statement.type === 'ImportDeclaration') {
      if (statement.source.value !== SDK_MODULE) {
        throw new SnippetSyntaxError(
          `the playground provides only '${SDK_MODULE}', not '${String(statement.source.value)}'`,
        );
      }
      const fields: string[] = [];
      let namespace: string | undefined;
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ImportSpecifier') {
          const imported =
            specifier.imported.type === 'Identifier'
              ? specifier.imported.name
              : String(specifier.imported.value);
          fields.push(imported === specifier.local.name ? imported : `${imported}: ${specifier.local.name}`);
        } else if (specifier.type === 'ImportNamespaceSpecifier') {
          namespace = specifier.local.name;
        } else {
          throw new SnippetSyntaxError(
            `'${SDK_MODULE}' has no default export: import { KMSClient, … } from it`,
          );
        }
        declared.push(specifier.local.name);
      }
      const text = [
        fields.length ? `const { ${fields.join(', ')} } = __sdk;` : '',
        namespace ? `const ${namespace} = __sdk;` : '',
      ].join(' ');
      edits.push({ start: statement.start, end: statement.end, text });
      return;
    }
    if (statement.type.startsWith('Export')) {
      throw new SnippetSyntaxError('a snippet runs in the page: drop the export keyword');
    }
    declared.push(...declaredNames(statement));
    if (statement.type === 'ExpressionStatement' && index === program.body.length - 1) {
      const expression = code.slice(statement.expression.start, statement.expression.end);
      edits.push({ start: statement.start, end: statement.end, text: `__result = (${expression});` });
    }
  });
  let body = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    body = body.slice(0, edit.start) + edit.text + body.slice(edit.end);
  }
  const inherited = inScope.filter((name) => !declared.includes(name));
  const prelude = inherited.length ? `let { ${inherited.join(', ')} } = __scope;` : '';
  const unique = [...new Set(declared)];
  return {
    body: `let __result;\n${prelude}\n${body}\n;__export({ ${unique.join(', ')} });\nreturn __result;`,
    declared: unique,
  };
}
