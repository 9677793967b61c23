// socket.io-client@2 logs through `debug`; in the browser bundles it is replaced by this no-op
// (saves ~2 KB gzip) because the widgets report through their own events and console warnings.
type Debugger = ((...args: unknown[]) => void) & { enabled: boolean; extend: () => Debugger };

function createDebug(): Debugger {
  const log = (() => undefined) as unknown as Debugger;
  log.enabled = false;
  log.extend = createDebug;
  return log;
}

export default Object.assign(createDebug, { enable() {}, disable() {}, enabled: () => false });
