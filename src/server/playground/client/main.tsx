import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { Kind, parse, type DocumentNode } from 'graphql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './playground.css';
import type { PlaygroundPageConfig } from './page-config';
import { installMonacoWorkers } from './workers';

function readConfig(): PlaygroundPageConfig {
  const el = document.getElementById('playground-config');
  if (!el?.textContent) throw new Error('playground config missing from the page');
  return JSON.parse(el.textContent) as PlaygroundPageConfig;
}

const config = readConfig();
// Must run before GraphiQL lazily imports monaco, which reads MonacoEnvironment on first editor creation.
installMonacoWorkers(config.workers);

const graphqlUrl = new URL(config.graphqlPath, window.location.href);
// Subscriptions are graphql-ws on the same path. The toolkit puts the tab's headers into connectionParams, where the
// service looks for `authorization` (a browser cannot set headers on a WebSocket).
const subscriptionUrl = new URL(graphqlUrl);
subscriptionUrl.protocol = graphqlUrl.protocol === 'https:' ? 'wss:' : 'ws:';
const toolkitFetcher = createGraphiQLFetcher({ url: graphqlUrl.toString(), subscriptionUrl: subscriptionUrl.toString() });
const defaultHeaders = config.defaultHeaders ? (JSON.parse(config.defaultHeaders) as Record<string, string>) : undefined;

const PLACEHOLDER = /^\{\{([A-Za-z0-9_.]+)\}\}$/;

function placeholdersIn(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') {
    const m = PLACEHOLDER.exec(value);
    if (m) into.add(m[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) placeholdersIn(v, into);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) placeholdersIn(v, into);
  }
  return into;
}

function substitute(value: unknown, values: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const m = PLACEHOLDER.exec(value);
    return m && Object.hasOwn(values, m[1]) ? values[m[1]] : value;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, values));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)]));
  return value;
}

/**
 * Ids that exist only at run time (the call to record, the recording the previous tab started) are `"{{...}}"` in
 * the example variables; the service resolves them for the demo tenant just before the operation goes out, with the
 * tab's own Authorization header. Answers with a GraphQL-shaped error when that fails, so the result pane says why.
 */
async function resolvePlaceholders(variables: Record<string, unknown> | null | undefined, headers: Record<string, string> | undefined) {
  const names = [...placeholdersIn(variables, new Set())];
  if (names.length === 0) return { variables };
  const auth = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const res = await fetch(new URL(config.variablesPath, window.location.href), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify({ names }),
  });
  const body = (await res.json().catch(() => ({}))) as { values?: Record<string, unknown>; error?: string };
  if (!res.ok || !body.values) return { error: `playground: cannot fill in ${names.map((n) => `{{${n}}}`).join(', ')}: ${body.error ?? res.status}` };
  return { variables: substitute(variables, body.values) as Record<string, unknown> };
}

/**
 * GraphiQL learns the operation name and document from the editor 100 ms after a change, so Run right after switching
 * tabs sends the previous tab's name (the service answers "Unknown operation named") and decides HTTP or WebSocket on
 * the previous tab's document. The query text it sends is current: derive both from that.
 */
function parsed(query: string): DocumentNode | undefined {
  try {
    return parse(query);
  } catch {
    return undefined; // the service reports the syntax error
  }
}

function currentOperation(query: string, operationName: string | null | undefined): { operationName?: string | null } {
  const names = (parsed(query)?.definitions ?? []).flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? null] : []));
  if (names.length === 0 || names.includes(operationName ?? null)) return {};
  return names.length === 1 ? { operationName: names[0] } : {};
}

function currentDocument(query: string, documentAST: DocumentNode | undefined): { documentAST?: DocumentNode } {
  const doc = parsed(query);
  return doc ? { documentAST: doc } : documentAST ? { documentAST } : {};
}

// GraphiQL 5 introspects on mount, before Monaco has created the headers editor, so that first request goes out
// with no headers and an API that wants the token for introspection shows no schema. Give introspection without
// headers the server's defaults; everything else sends exactly what the headers editor holds.
const fetcher: Fetcher = async (params, opts) => {
  if (params.operationName === 'IntrospectionQuery' && !opts?.headers && defaultHeaders) {
    return toolkitFetcher(params, { ...opts, headers: defaultHeaders });
  }
  const resolved = await resolvePlaceholders(params.variables, opts?.headers);
  if ('error' in resolved) return { errors: [{ message: resolved.error, extensions: { code: 'PLAYGROUND_PLACEHOLDER' } }] };
  return toolkitFetcher(
    { ...params, ...currentOperation(params.query, params.operationName), variables: resolved.variables },
    { ...opts, ...currentDocument(params.query, opts?.documentAST) },
  );
};

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from the page');

createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultHeaders={config.defaultHeaders}
      defaultTabs={config.tabs.length > 0 ? config.tabs : undefined}
      // The variables are what a tab's example needs; the headers already hold the development token.
      defaultEditorToolsVisibility={config.tabs.some((tab) => tab.variables) ? 'variables' : config.defaultHeaders ? 'headers' : undefined}
    />
  </StrictMode>,
);
