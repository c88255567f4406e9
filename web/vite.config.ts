import { defineConfig } from 'vite';

export default defineConfig({
  build: { outDir: 'dist', target: 'es2020', sourcemap: false, manifest: true },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
