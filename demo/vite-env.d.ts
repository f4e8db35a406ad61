/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the poolse API the demo talks to (set by `npm start`). */
  readonly VITE_POOLSE_API_URL?: string;
}
