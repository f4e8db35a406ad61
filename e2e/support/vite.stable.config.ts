/**
 * The demo's Vite config without file watching or HMR, for end-to-end runs
 * while files are being edited: a reload mid-test would lose the page's
 * state and fail the spec for a reason that has nothing to do with it.
 */
import { mergeConfig } from 'vite';
import base from '../../vite.config.js';

export default mergeConfig(base, {
  server: { hmr: false, watch: { ignored: ['**/*'] } },
});
