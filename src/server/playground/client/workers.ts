/**
 * Monaco asks for a worker by label; GraphiQL's own helpers (setup-workers/*) rely on vite/webpack `?worker`
 * imports or esm.sh, none of which exist here. The three workers are built as separate classic (iife) bundles
 * and their hashed URLs come from the page config, so this module only maps a label to a URL.
 */
import type { PlaygroundPageConfig } from './page-config';

export function installMonacoWorkers(workers: PlaygroundPageConfig['workers']): void {
  (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker {
      switch (label) {
        case 'graphql':
          return new Worker(workers.graphql, { name: label });
        case 'json':
          return new Worker(workers.json, { name: label });
        default:
          return new Worker(workers.editor, { name: label });
      }
    },
  };
}
