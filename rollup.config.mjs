// Script-tag bundles in cdn/: one entry per element plus one with all three, sharing chunks so
// that a page using several elements loads lit and the core once.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import alias from '@rollup/plugin-alias';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const ENTRIES = {
  'spaces-chat': 'src/elements/spaces-chat/define.ts',
  'ccaas-chat': 'src/elements/ccaas-chat/define.ts',
  'pubsub-feed': 'src/elements/pubsub-feed/define.ts',
  'avaya-chat-elements': 'src/all.ts',
};

// Element entries appear with their issues; build the ones that exist.
const input = Object.fromEntries(Object.entries(ENTRIES).filter(([, file]) => existsSync(file)));

export default {
  input,
  output: {
    dir: 'cdn',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    // Maps are written for debugging, but no file points to them: that comment is bytes every page downloads.
    sourcemap: 'hidden',
  },
  plugins: [
    alias({
      entries: [
        { find: /^debug$/, replacement: fileURLToPath(new URL('src/shims/debug-noop.ts', import.meta.url)) },
        { find: /^\.\/transports\/index$/, replacement: fileURLToPath(new URL('src/shims/engine-io-websocket-only.cjs', import.meta.url)) },
      ],
    }),
    nodeResolve({ browser: true, extensions: ['.ts', '.mjs', '.js', '.json'] }),
    commonjs(),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', define: { 'process.env.NODE_ENV': '"production"' } }),
    terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    // socket.io-client@2's CommonJS uses `this` at the top level; harmless in the browser build.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
