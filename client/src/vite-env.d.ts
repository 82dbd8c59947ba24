/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "1" in bench builds (test/bench/w4.ts): node cards report their renders (canvas/renderProbe.tsx). */
  readonly VITE_LF_PROFILE?: string;
}
