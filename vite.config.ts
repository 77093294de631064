import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';

/**
 * Two builds from one config:
 * - `vite build` (default): the admin app, root src/web → dist/web.
 * - `vite build --mode public`: the light public pages, root src/public → dist/public, only once that entry
 *   exists. The public pages must not share chunks with the admin app (antd would blow their < 100 KB
 *   budget), so they are a separate build rather than a second input of this one.
 */
const repo = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const ANTD = /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@emotion|stylis|dayjs)[\\/]/;

/** Vendor groups: libraries that change rarely get their own long-cached chunks. */
const vendorGroups = [
  // React and the router are needed by every page; one chunk, fetched in parallel with the app.
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 40 },
  // ECharts is large and only dashboards use it: its own chunk, loaded with the first chart page.
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
  // antd with its rc-component/icon/css-in-js dependencies, split in two: what the shell renders (layout,
  // menu, org picker, login form) is fetched up front; tables, trees, pickers and drawers only with the first
  // page that uses them. One antd chunk would put every component in the initial download.
  {
    name: 'antd',
    test: ANTD,
    tags: ['$initial' as const],
    priority: 21,
  },
  { name: 'antd-pages', test: ANTD, priority: 20 },
  {
    name: 'i18n',
    test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
    priority: 10,
  },
];

/** After the admin build, the public pages' own build (so `vite build` and `npm start` make both). */
function publicPagesBuild(): Plugin {
  return {
    name: 'tisheng-public-pages',
    apply: 'build',
    async closeBundle() {
      if (existsSync(repo('./src/public/index.html')))
        await build({ configFile: repo('./vite.config.ts'), mode: 'public', logLevel: 'warn' });
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'public') {
    const entry = repo('./src/public/index.html');
    if (!existsSync(entry)) {
      throw new Error('src/public/index.html does not exist yet: nothing to build in public mode');
    }
    return {
      root: repo('./src/public'),
      // Relative asset URLs: the server decides where the public pages are mounted.
      base: './',
      build: { outDir: repo('./dist/public'), emptyOutDir: true },
    };
  }
  return {
    root: repo('./src/web'),
    base: '/',
    plugins: [react(), publicPagesBuild()],
    // Static files next to the app (favicon); none are required, Vite tolerates the folder missing.
    publicDir: repo('./src/web/public'),
    server: {
      port: 5173,
      proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
    },
    build: {
      outDir: repo('./dist/web'),
      emptyOutDir: true,
      // The shell stays small because every module page is a React.lazy chunk; see src/web/app/modules.ts.
      chunkSizeWarningLimit: 1500,
      rolldownOptions: {
        input: repo('./src/web/index.html'),
        output: { codeSplitting: { groups: vendorGroups } },
      },
    },
  };
});
