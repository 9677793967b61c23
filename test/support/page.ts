// Page conditions a unit test sets up and takes down again.

/** Runs `body` catching what the page would report (the runner fails a test on any reported error); returns those errors. */
export async function reportedErrors(body: () => void | Promise<void>): Promise<unknown[]> {
  const errors: unknown[] = [];
  const pageReport = window.reportError;
  window.reportError = (error) => errors.push(error);
  try {
    await body();
  } finally {
    window.reportError = pageReport;
  }
  return errors;
}

/** Runs `body` as if the page were hidden (another tab in front, say). */
export async function whileHidden(body: () => void | Promise<void>): Promise<void> {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  try {
    await body();
  } finally {
    delete (document as { hidden?: boolean }).hidden;
  }
}
