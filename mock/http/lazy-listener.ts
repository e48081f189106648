import type { IncomingMessage, ServerResponse } from 'node:http';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A request listener built on its first request, by `load` (a dynamic `import()` of what it needs):
 * a start-up then pays nothing for routes that most runs never reach. Requests that come while it
 * loads wait for it; a load that fails is answered by `onError` and tried again on the next request.
 */
export function lazyListener(
  load: () => Promise<Listener>,
  onError: (error: unknown, res: ServerResponse) => void,
): Listener {
  let ready: Listener | undefined;
  let loading: Promise<Listener> | undefined;
  return (req, res) => {
    if (ready) {
      ready(req, res);
      return;
    }
    loading ??= load();
    loading.then(
      (listener) => {
        ready = listener;
        listener(req, res);
      },
      (error: unknown) => {
        loading = undefined;
        onError(error, res);
      },
    );
  };
}
