import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // React and React DOM alone are most of this; the demo does not split its one page.
  build: { chunkSizeWarningLimit: 1024 },
});
