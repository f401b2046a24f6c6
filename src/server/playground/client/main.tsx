import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
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

const httpFetcher = createGraphiQLFetcher({ url: new URL(config.graphqlPath, window.location.href).toString() });
const defaultHeaders = config.defaultHeaders ? (JSON.parse(config.defaultHeaders) as Record<string, string>) : undefined;

// GraphiQL 5 introspects on mount, before Monaco has created the headers editor, so that first request goes out
// with no headers and an API that wants the token for introspection shows no schema. Give introspection without
// headers the server's defaults; everything else sends exactly what the headers editor holds.
const fetcher: Fetcher = (params, opts) =>
  params.operationName === 'IntrospectionQuery' && !opts?.headers && defaultHeaders
    ? httpFetcher(params, { ...opts, headers: defaultHeaders })
    : httpFetcher(params, opts);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from the page');

createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultHeaders={config.defaultHeaders}
      defaultTabs={config.tabs.length > 0 ? config.tabs : undefined}
      defaultEditorToolsVisibility={config.defaultHeaders ? 'headers' : undefined}
    />
  </StrictMode>,
);
