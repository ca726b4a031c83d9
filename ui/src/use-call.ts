/** The pages' two ways to the admin API: one call when its inputs change, and a server stream while shown. */
import { useEffect, useState } from 'preact/hooks';
import { call, stream, type Me } from './api';

export interface Called<T> {
  data: T | null;
  error: string | null;
}

/** Calls `method` once, and again whenever one of `deps` changes. */
export function useCall<T>(me: Me, method: string, request: object, deps: unknown[]): Called<T> {
  const [state, setState] = useState<Called<T>>({ data: null, error: null });
  useEffect(() => {
    let live = true;
    call<T>(me, method, request).then(
      (data) => live && setState({ data, error: null }),
      (err: Error) => live && setState({ data: null, error: err.message }),
    );
    return () => {
      live = false;
    };
  }, [...deps, open]);
  return state;
}

/**
 * Follows a server stream (pushed by the controller over Server-Sent Events) while the page is
 * shown: `onMessage` gets each message; the answer says whether it ended or failed.
 */
export function useStream<T>(
  method: string,
  request: object,
  deps: unknown[],
  onMessage: (m: T) => void,
  /** False: not opened (a follower streams nothing; its pages read without live updates). */
  open = true,
): { ended: boolean; error: string | null } {
  const [state, setState] = useState<{ ended: boolean; error: string | null }>({ ended: false, error: null });
  useEffect(() => {
    setState({ ended: false, error: null });
    if (!open) return;
    return stream<T>(method, request, {
      message: onMessage,
      end: () => setState({ ended: true, error: null }),
      failure: (error) => setState({ ended: true, error }),
    });
  }, [...deps, open]);
  return state;
}
