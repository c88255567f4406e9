import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Installable app: the manifest puts "RaceSense" on the home screen, and the service worker
// (Workbox, generated at build) serves the app shell offline. The API is never cached.
const pwa = VitePWA({
  registerType: 'autoUpdate',
  injectRegister: 'script-defer', // a small registerSW.js beside the bundle; main.ts stays unaware
  includeAssets: ['favicon.svg'],
  manifest: {
    name: 'RaceSense Paddock Sync',
    short_name: 'RaceSense',
    description: 'Sync RS-Core logger sessions in the paddock and see the laps.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#0f172a',
    theme_color: '#0f172a',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [/^\/api\//],
    cleanupOutdatedCaches: true,
    clientsClaim: true, // the first visit is served offline next time without a second reload
    skipWaiting: true,
  },
});

export default defineConfig({
  plugins: [pwa],
  build: { outDir: 'dist', target: 'es2020', sourcemap: false, manifest: true },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
