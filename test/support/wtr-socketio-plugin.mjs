// web-test-runner cannot serve CommonJS; socket.io-client@2 is CommonJS. Answer its bare
// import with an esbuild-made ESM bundle, built once per run.
import { build } from 'esbuild';

const BUNDLE_PATH = '/__socket.io-client.js';

/** Dev-server plugin that serves socket.io-client@2 as an ES module. */
export function socketIoClientPlugin() {
  let bundle;
  return {
    name: 'socket.io-client-esm',
    resolveImport({ source }) {
      if (source === 'socket.io-client') return BUNDLE_PATH;
      return undefined;
    },
    async serve(context) {
      if (context.path !== BUNDLE_PATH) return undefined;
      bundle ??= build({
        stdin: { contents: "export { default } from 'socket.io-client';", resolveDir: process.cwd() },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        define: { 'process.env.NODE_ENV': '"production"' },
      }).then((r) => r.outputFiles[0].text);
      return { body: await bundle, type: 'js' };
    },
  };
}
