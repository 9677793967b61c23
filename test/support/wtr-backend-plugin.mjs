// Starts the embedded backend in the test runner's own process (on a free port, demo bots off,
// simulated people answering at once) and lets browser tests reach it through server commands.
// The runner is started with `node --import tsx` so the TypeScript backend loads as it is.

/** Dev-server plugin owning one backend for the whole test run. */
export function backendPlugin() {
  let backend;
  return {
    name: 'avaya-backend',
    async serverStart() {
      const { startBackend } = await import('../../demo/server/backend.ts');
      backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0 });
    },
    async serverStop() {
      await backend?.close();
    },
    async executeCommand({ command, payload }) {
      switch (command) {
        case 'backend-url':
          return backend.url;
        case 'backend-suspend':
          await backend.suspend();
          return true;
        case 'backend-resume':
          await backend.resume();
          return true;
        case 'backend-command':
          return (await backend.command(payload.service, payload.name, payload.payload)) ?? null;
        default:
          return undefined;
      }
    },
  };
}
