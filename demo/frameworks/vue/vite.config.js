import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    vue({
      template: {
        // <poolse-*> tags are custom elements, not Vue components: Vue then
        // renders them as they are and binds properties and events natively.
        compilerOptions: { isCustomElement: (tag) => tag.startsWith('poolse-') },
      },
    }),
  ],
});
