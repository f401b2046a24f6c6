/** What the server embeds in the page (a JSON data block) for the browser bundle. Types only: shared by both sides. */
export interface PlaygroundPageConfig {
  /** Same-origin path the fetcher posts to. */
  graphqlPath: string;
  /** Same-origin path that resolves the `"{{...}}"` placeholders of a tab's variables when it runs. */
  variablesPath: string;
  /** JSON text for the request headers editor, or undefined when the server offers no headers. */
  defaultHeaders?: string;
  /** Example operations, one GraphiQL tab each, used while the browser has no saved tabs. */
  tabs: { query: string; variables?: string; headers?: string }[];
  /** Hashed URLs of the Monaco workers, by the label Monaco asks for. */
  workers: { editor: string; json: string; graphql: string };
}
